package dev.jakartaparse.core.auth;

import dev.jakartaparse.config.AccountLockout;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.config.PasswordPolicy;
import dev.jakartaparse.core.auth.providers.AuthProviders;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.spi.LoginTriggers;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.IsoDates;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the _User class, applied on every route that writes users (/users, /classes/_User,
 * batch): sign-up checks (200/201/125), case-insensitive uniqueness of username and email
 * (202/203), bcrypt hashing, the default ACL, who may modify a user (206), and log-in.
 */
@ApplicationScoped
public class UserAccounts {
    private static final Pattern EMAIL = Pattern.compile("^.+@.+$", Pattern.DOTALL);

    ParseConfig config;
    SchemaController schemas;
    StorageAdapter storage;
    SessionTokens sessions;
    AuthProviders providers;
    AccountEmails emails;
    LoginTriggers loginTriggers;

    @Inject
    public UserAccounts(
            ParseConfig config,
            SchemaController schemas,
            StorageAdapter storage,
            SessionTokens sessions,
            AuthProviders providers,
            AccountEmails emails,
            LoginTriggers loginTriggers) {
        this.config = config;
        this.schemas = schemas;
        this.storage = storage;
        this.sessions = sessions;
        this.providers = providers;
        this.emails = emails;
        this.loginTriggers = loginTriggers;
    }

    /** For the CDI client proxy only (the reason the fields are not final). */
    protected UserAccounts() {}

    /**
     * What a sign-up turned out to be: a new user (with private fields to store alongside, never
     * shown to clients), or, when its authData belongs to an existing user, a log-in as that user.
     */
    public record SignUp(
            Map<String, Object> secret,
            Map<String, Object> existingUser,
            String authProvider,
            boolean usernameGenerated) {}

    /** Checks a new user: credentials or authData, uniqueness, password hash, default ACL. */
    public SignUp prepareSignUp(String objectId, Map<String, Object> data, Auth auth) {
        rejectManualEmailVerification(data, auth);
        Map<String, Object> authData = linkedAuthData(data);
        String provider = null;
        boolean generated = false;
        if (authData.isEmpty()) {
            if (!(data.get("username") instanceof String u) || u.isEmpty()) {
                throw new ParseException(ParseError.USERNAME_MISSING, "bad or missing username");
            }
            if (!(data.get("password") instanceof String p) || p.isEmpty()) {
                throw new ParseException(ParseError.PASSWORD_MISSING, "password is required");
            }
        } else {
            provider = String.join(",", authData.keySet());
            List<Map<String, Object>> owners = usersWithAuthData(authData, auth);
            validateAll(authData);
            if (owners.size() > 1) {
                throw alreadyLinked();
            }
            if (owners.size() == 1) {
                return new SignUp(Map.of(), owners.get(0), provider, false);
            }
            requireUnclaimedEmptyIds(authData, objectId);
            if (!(data.get("username") instanceof String u) || u.isEmpty()) {
                data.put("username", ObjectIds.random(25));
                generated = true;
            }
        }
        Map<String, Object> secret = new LinkedHashMap<>();
        if (data.get("password") instanceof String password) {
            checkPasswordPolicy(password, (String) data.get("username"));
            secret.putAll(hashPassword(data));
            if (policy() != null && policy().maxPasswordAgeDays() != null) {
                secret.put("_password_changed_at", ObjectIds.date(Instant.now()));
            }
        }
        data.remove("password");
        requireUniqueUsername(data.get("username"), objectId);
        checkEmail(data, objectId);
        secret.putAll(emails.startVerification(data));
        Map<String, Object> acl = data.get("ACL") instanceof Map<?, ?> given ? copy(given) : new LinkedHashMap<>();
        if (!(data.get("ACL") instanceof Map) && !config.enforcePrivateUsers()) {
            acl.put("*", Map.of("read", true, "write", false));
        }
        acl.put(objectId, Map.of("read", true, "write", true));
        data.put("ACL", acl);
        return new SignUp(secret, null, provider, generated);
    }

    /**
     * A sign-up whose authData matched an existing user: log in as that user, keeping any newer
     * provider data, and answer the user (as stored, without secrets) with a new session token.
     */
    public Map<String, Object> logInWithAuthData(SignUp signUp, Map<String, Object> data, RequestContext rc) {
        Auth auth = rc.auth();
        Map<String, Object> user = new LinkedHashMap<>(signUp.existingUser());
        String userId = (String) user.get("objectId");
        Map<String, Object> given = linkedAuthData(data);
        Map<String, Object> stored = user.get("authData") instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
        Map<String, Object> changed = new LinkedHashMap<>();
        given.forEach((p, v) -> {
            if (!v.equals(stored.get(p))) {
                changed.put(p, v);
            }
        });
        if (!changed.isEmpty()) {
            ClassSchema schema = schemas.enforceClassExists("_User");
            storage.findOneAndUpdate("_User", schema, Map.of("objectId", userId), Map.of("authData", changed));
            stored.putAll(changed);
            user.put("authData", stored);
        }
        user.keySet().removeIf(k -> k.startsWith("_") || "password".equals(k) || "sessionToken".equals(k));
        loginTriggers.beforeLogin(new LinkedHashMap<>(user), rc);
        Map<String, Object> session = sessions.createSession(
                userId, SessionTokens.createdWith("login", signUp.authProvider()), auth.installationId(), null);
        user.put("sessionToken", session.get("sessionToken"));
        user.put("authDataResponse", new LinkedHashMap<>());
        Map<String, Object> seen = new LinkedHashMap<>(user);
        seen.remove("sessionToken");
        loginTriggers.afterLogin(seen, rc);
        return user;
    }

    /** Checks a change to an existing user; returns the private fields to store with it. */
    public Map<String, Object> prepareUpdate(String objectId, Map<String, Object> data, Auth auth) {
        if (auth.isUnauthenticated()) {
            throw ParseException.sanitized(ParseError.SESSION_MISSING, "Cannot modify user " + objectId + ".");
        }
        rejectManualEmailVerification(data, auth);
        if (data.containsKey("authData")) {
            checkLinking(objectId, data, auth);
        }
        if (data.containsKey("username")) {
            Object u = data.get("username");
            if (!(u instanceof String s) || s.isEmpty()) {
                throw new ParseException(ParseError.USERNAME_MISSING, "bad or missing username");
            }
            requireUniqueUsername(u, objectId);
        }
        checkEmail(data, objectId);
        Map<String, Object> secret = new LinkedHashMap<>();
        if (data.get("email") instanceof String) {
            secret.putAll(emails.startVerification(data));
        }
        if (data.containsKey("password")) {
            if (!(data.get("password") instanceof String p) || p.isEmpty()) {
                throw new ParseException(ParseError.PASSWORD_MISSING, "password is required");
            }
            secret.putAll(changePassword(objectId, data));
        }
        if (data.get("ACL") instanceof Map<?, ?> given && !auth.master()) {
            // A user can never lock themselves out of their own record.
            Map<String, Object> acl = copy(given);
            acl.put(objectId, Map.of("read", true, "write", true));
            data.put("ACL", acl);
        }
        return secret;
    }

    /** Removes a user's legacy (non-revocable) session token, once it has been upgraded. */
    public void forgetLegacySessionToken(String userId) {
        updateUser(userId, Map.of("_session_token", Map.of("__op", "Delete")));
    }

    /**
     * preventSignupWithUnverifiedEmail: the user is created (and its verification email sent),
     * but the sign-up answers 205 instead of logging the user in, as in Parse Server.
     */
    public void rejectSignupIfUnverified(Map<String, Object> data) {
        if (config.email().verifyUserEmails()
                && config.email().preventLoginWithUnverifiedEmail()
                && config.email().preventSignupWithUnverifiedEmail()
                && data.get("email") instanceof String) {
            throw new ParseException(ParseError.EMAIL_NOT_FOUND, "User email is not verified.");
        }
    }

    /** After a user was saved with a new email to verify: the email with its link goes out. */
    public void afterUserSaved(Map<String, Object> data, Map<String, Object> secret) {
        if (secret.get("_email_verify_token") instanceof String token && data.get("email") instanceof String email) {
            emails.sendVerificationEmail(email, (String) data.get("username"), token);
        }
    }

    /** After a sign-up: the new session's token (none for Cloud Code's "cloud" installation). */
    public String startSession(String userId, String action, String authProvider, Auth auth) {
        if ("cloud".equals(auth.installationId())) {
            return null;
        }
        if (authProvider == null
                && config.email().verifyUserEmails()
                && config.email().preventLoginWithUnverifiedEmail()) {
            return null; // the user logs in once the email is verified
        }
        Map<String, Object> s = sessions.createSession(
                userId,
                SessionTokens.createdWith(action, authProvider == null ? "password" : authProvider),
                auth.installationId(),
                null);
        return (String) s.get("sessionToken");
    }

    /**
     * After a password change: the user's sessions end (revokeSessionOnPasswordReset) and a user
     * who changed their own password gets a new session, whose token goes back in the answer.
     */
    public String afterPasswordChange(String userId, Auth auth) {
        if (config.accounts().revokeSessionOnPasswordReset()) {
            sessions.revokeAllOf(userId, null);
        }
        if (auth.master() || "cloud".equals(auth.installationId())) {
            return null;
        }
        Map<String, Object> s = sessions.createSession(
                userId, SessionTokens.createdWith("login", "password"), auth.installationId(), null);
        return (String) s.get("sessionToken");
    }

    /**
     * Log-in with username (or email given as username) or email, and password. The same 101 for
     * an unknown user and a wrong password, after the same bcrypt work. An unverified email is
     * refused (preventLoginWithUnverifiedEmail) unless the master key asks to ignore it.
     */
    public Map<String, Object> authenticate(
            Object username, Object email, Object password, Auth auth, boolean ignoreEmailVerification) {
        if (isBlank(username) && isBlank(email)) {
            throw new ParseException(ParseError.USERNAME_MISSING, "username/email is required.");
        }
        if (isBlank(password)) {
            throw new ParseException(ParseError.PASSWORD_MISSING, "password is required.");
        }
        if (!(password instanceof String pw)
                || email != null && !(email instanceof String)
                || username != null && !(username instanceof String)) {
            throw invalidLogin();
        }
        Map<String, Object> where = new LinkedHashMap<>();
        if (!isBlank(email) && !isBlank(username)) {
            where.put("email", email);
            where.put("username", username);
        } else if (!isBlank(email)) {
            where.put("email", email);
        } else {
            where.put("$or", List.of(Map.of("username", username), Map.of("email", username)));
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> found = storage.find("_User", schema, where, QueryOptions.limit(2));
        if (found.isEmpty()) {
            PasswordHasher.compareWithDummy(pw);
            throw invalidLogin();
        }
        Map<String, Object> user = found.size() > 1
                ? found.stream()
                        .filter(u -> username != null && username.equals(u.get("username")))
                        .findFirst()
                        .orElse(found.get(0))
                : found.get(0);
        Object hash = user.get("_hashed_password");
        boolean ok = hash instanceof String h && !h.isEmpty()
                ? PasswordHasher.matches(pw, h)
                : PasswordHasher.compareWithDummy(pw);
        handleLockout(user, ok);
        if (!ok) {
            throw invalidLogin();
        }
        // A user with an empty ACL is locked out (master key only).
        if (!auth.master() && user.get("ACL") instanceof Map<?, ?> acl && acl.isEmpty()) {
            throw invalidLogin();
        }
        if (config.email().verifyUserEmails()
                && config.email().preventLoginWithUnverifiedEmail()
                && !Boolean.TRUE.equals(user.get("emailVerified"))
                && !(auth.master() && ignoreEmailVerification)) {
            throw new ParseException(ParseError.EMAIL_NOT_FOUND, "User email is not verified.");
        }
        checkPasswordAge(user);
        return user;
    }

    // ---- password policy and account lockout ----

    private PasswordPolicy policy() {
        return config.accounts().passwordPolicy();
    }

    /** 142 when the new password breaks the configured pattern or contains the username. */
    private void checkPasswordPolicy(String password, String username) {
        PasswordPolicy policy = policy();
        if (policy == null) {
            return;
        }
        if (policy.validatorPattern() != null
                && !policy.validatorPattern().matcher(password).find()) {
            throw new ParseException(ParseError.VALIDATION_ERROR, policy.error());
        }
        if (policy.doNotAllowUsername() && username != null && password.contains(username)) {
            throw new ParseException(ParseError.VALIDATION_ERROR, "Password cannot contain your username.");
        }
    }

    /** A new password for an existing user: policy, history, then the private fields to store. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> changePassword(String objectId, Map<String, Object> data) {
        String password = (String) data.get("password");
        PasswordPolicy policy = policy();
        Map<String, Object> current = Map.of();
        if (policy != null) {
            ClassSchema schema = schemas.enforceClassExists("_User");
            List<Map<String, Object>> found =
                    storage.find("_User", schema, Map.of("objectId", objectId), QueryOptions.limit(1));
            current = found.isEmpty() ? Map.of() : found.get(0);
            String username = data.get("username") instanceof String u ? u : (String) current.get("username");
            checkPasswordPolicy(password, username);
        }
        Map<String, Object> secret = hashPassword(data);
        if (policy != null && policy.maxPasswordHistory() > 0) {
            List<Object> history = new ArrayList<>();
            if (current.get("_password_history") instanceof List<?> old) {
                history.addAll(old.subList(0, Math.min(old.size(), policy.maxPasswordHistory() - 1)));
            }
            if (current.get("_hashed_password") instanceof String currentHash) {
                history.add(currentHash);
            }
            for (Object old : history) {
                if (old instanceof String h && PasswordHasher.matches(password, h)) {
                    throw new ParseException(
                            ParseError.VALIDATION_ERROR,
                            "New password should not be the same as last " + policy.maxPasswordHistory()
                                    + " passwords.");
                }
            }
            // The previous passwords kept: n-1, the one being replaced included.
            while (history.size() > Math.max(0, policy.maxPasswordHistory() - 1)) {
                history.remove(0);
            }
            secret.put("_password_history", history);
        }
        if (policy != null && policy.maxPasswordAgeDays() != null) {
            secret.put("_password_changed_at", ObjectIds.date(Instant.now()));
        }
        return secret;
    }

    /** 101 "Your password has expired" once maxPasswordAge has passed since the last change. */
    private void checkPasswordAge(Map<String, Object> user) {
        PasswordPolicy policy = policy();
        if (policy == null || policy.maxPasswordAgeDays() == null) {
            return;
        }
        Instant changedAt =
                user.get("_password_changed_at") instanceof Map<?, ?> d && d.get("iso") instanceof String iso
                        ? IsoDates.parseDate(iso)
                        : null;
        if (changedAt == null) {
            // A password from before the policy: its age counts from now.
            updateUser((String) user.get("objectId"), Map.of("_password_changed_at", ObjectIds.date(Instant.now())));
            return;
        }
        long ageMs = (long) (policy.maxPasswordAgeDays() * 86_400_000d);
        if (changedAt.plusMillis(ageMs).isBefore(Instant.now())) {
            throw new ParseException(
                    ParseError.OBJECT_NOT_FOUND, "Your password has expired. Please reset your password.");
        }
    }

    /**
     * Parse Server's AccountLockout: a locked account answers 101 with the lockout message whatever
     * the password; a failure counts, and reaching the threshold locks; a success resets the count.
     */
    private void handleLockout(Map<String, Object> user, boolean passwordMatched) {
        AccountLockout lockout = config.accounts().accountLockout();
        if (lockout == null) {
            return;
        }
        String userId = (String) user.get("objectId");
        if (isLocked(user, lockout)) {
            throw locked(lockout);
        }
        if (passwordMatched) {
            if (user.get("_failed_login_count") instanceof Number n && n.intValue() != 0) {
                updateUser(userId, Map.of("_failed_login_count", 0));
            }
            return;
        }
        Map<String, Object> updated =
                updateUser(userId, Map.of("_failed_login_count", Map.of("__op", "Increment", "amount", 1)));
        int count = updated != null && updated.get("_failed_login_count") instanceof Number n ? n.intValue() : 0;
        if (count >= lockout.threshold()) {
            long ms = (long) (lockout.durationMinutes() * 60_000d);
            updateUser(
                    userId,
                    Map.of(
                            "_account_lockout_expires_at",
                            ObjectIds.date(Instant.now().plusMillis(ms))));
            if (count > lockout.threshold()) {
                throw locked(lockout);
            }
        }
    }

    private static boolean isLocked(Map<String, Object> user, AccountLockout lockout) {
        if (!(user.get("_failed_login_count") instanceof Number n) || n.intValue() < lockout.threshold()) {
            return false;
        }
        Instant until =
                user.get("_account_lockout_expires_at") instanceof Map<?, ?> d && d.get("iso") instanceof String iso
                        ? IsoDates.parseDate(iso)
                        : null;
        return until != null && until.isAfter(Instant.now());
    }

    private static ParseException locked(AccountLockout lockout) {
        return new ParseException(
                ParseError.OBJECT_NOT_FOUND,
                "Your account is locked due to multiple failed login attempts. Please try again after "
                        + lockout.durationText() + " minute(s)");
    }

    private Map<String, Object> updateUser(String userId, Map<String, Object> changes) {
        ClassSchema schema = schemas.enforceClassExists("_User");
        Map<String, Object> updated =
                storage.findOneAndUpdate("_User", schema, Map.of("objectId", userId), new LinkedHashMap<>(changes));
        return updated;
    }

    // ---- checks ----

    private static void rejectManualEmailVerification(Map<String, Object> data, Auth auth) {
        if (!auth.master() && data.containsKey("emailVerified")) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN, "Clients aren't allowed to manually update email verification.");
        }
    }

    /**
     * Provider ids must be strings (162); checked before anything else looks at the body, as in
     * Parse Server, so an operator-shaped id is refused as an id.
     */
    public static void requireStringAuthDataIds(Map<String, Object> data) {
        if (data.get("authData") instanceof Map<?, ?> a) {
            a.forEach((p, v) -> {
                if (v instanceof Map<?, ?> m && m.get("id") != null && !(m.get("id") instanceof String)) {
                    throw new ParseException(ParseError.INVALID_VALUE, "Invalid authData id for provider '" + p + "'.");
                }
            });
        }
    }

    /** The providers of authData that carry data (null entries, which unlink, are left out). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> linkedAuthData(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (data.get("authData") instanceof Map<?, ?> a) {
            a.forEach((p, v) -> {
                if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                    out.put(String.valueOf(p), v);
                }
            });
        }
        return out;
    }

    /** Users (at most two) already linked to one of these provider ids; locked-out users do not count. */
    private List<Map<String, Object>> usersWithAuthData(Map<String, Object> authData, Auth auth) {
        List<Object> branches = new ArrayList<>();
        for (Map.Entry<String, Object> e : authData.entrySet()) {
            Object id = ((Map<?, ?>) e.getValue()).get("id");
            if (id == null || "".equals(id)) {
                continue; // no id to log in with: never "the user whose id is empty"
            }
            if (!(id instanceof String)) {
                throw new ParseException(
                        ParseError.INVALID_VALUE, "Invalid authData id for provider '" + e.getKey() + "'.");
            }
            if (!providers.isEnabled(e.getKey())) {
                continue; // refused by validation, without a scan for an unknown provider
            }
            branches.add(Map.of("authData." + e.getKey() + ".id", id));
        }
        if (branches.isEmpty()) {
            return List.of();
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> found = storage.find("_User", schema, Map.of("$or", branches), QueryOptions.limit(2));
        if (auth.master()) {
            return found;
        }
        return found.stream()
                .filter(u -> !(u.get("ACL") instanceof Map<?, ?> acl && acl.isEmpty()))
                .toList();
    }

    /**
     * An empty provider id logs no one in, yet, as Parse Server's unique index on each provider's
     * id has it, only one user may hold it: the next sign-up or link with it is refused (208), so
     * clients that send one never share an account.
     */
    private void requireUnclaimedEmptyIds(Map<String, Object> authData, String objectId) {
        for (Map.Entry<String, Object> e : authData.entrySet()) {
            if (!"".equals(((Map<?, ?>) e.getValue()).get("id")) || !providers.isEnabled(e.getKey())) {
                continue;
            }
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("authData." + e.getKey() + ".id", "");
            where.put("objectId", Map.of("$ne", objectId));
            ClassSchema schema = schemas.enforceClassExists("_User");
            if (!storage.find("_User", schema, where, QueryOptions.limit(1).withKeys(List.of("objectId")))
                    .isEmpty()) {
                throw alreadyLinked();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void validateAll(Map<String, Object> authData) {
        authData.forEach((p, v) -> providers.validate(p, (Map<String, Object>) v));
    }

    /** Linking and unlinking providers on an existing user (208 when another user has that id). */
    @SuppressWarnings("unchecked")
    private void checkLinking(String objectId, Map<String, Object> data, Auth auth) {
        if (!(data.get("authData") instanceof Map<?, ?> given)) {
            throw AuthProviders.unsupported();
        }
        Map<String, Object> linked = linkedAuthData(data);
        for (Object v : given.values()) {
            if (v != null && !(v instanceof Map)) {
                throw AuthProviders.unsupported();
            }
        }
        for (Map<String, Object> owner : usersWithAuthData(linked, Auth.masterKey())) {
            if (!objectId.equals(owner.get("objectId"))) {
                throw alreadyLinked();
            }
        }
        requireUnclaimedEmptyIds(linked, objectId);
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> current =
                storage.find("_User", schema, Map.of("objectId", objectId), QueryOptions.limit(1));
        Map<?, ?> stored = !current.isEmpty() && current.get(0).get("authData") instanceof Map<?, ?> m ? m : Map.of();
        linked.forEach((p, v) -> {
            if (!v.equals(stored.get(p))) {
                providers.validate(p, (Map<String, Object>) v);
            }
        });
    }

    private static ParseException alreadyLinked() {
        return new ParseException(ParseError.ACCOUNT_ALREADY_LINKED, "this auth is already used");
    }

    private static Map<String, Object> hashPassword(Map<String, Object> data) {
        String password = (String) data.remove("password");
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("_hashed_password", PasswordHasher.hash(password));
        return secret;
    }

    private void requireUniqueUsername(Object username, String objectId) {
        if (existsCaseInsensitive("username", (String) username, objectId)) {
            throw new ParseException(ParseError.USERNAME_TAKEN, "Account already exists for this username.");
        }
    }

    private void checkEmail(Map<String, Object> data, String objectId) {
        Object email = data.get("email");
        if (email == null || email instanceof Map<?, ?> op && "Delete".equals(op.get("__op"))) {
            return;
        }
        if (!(email instanceof String e) || !EMAIL.matcher(e).matches()) {
            throw new ParseException(ParseError.INVALID_EMAIL_ADDRESS, "Email address format is invalid.");
        }
        if (existsCaseInsensitive("email", e, objectId)) {
            throw new ParseException(ParseError.EMAIL_TAKEN, "Account already exists for this email address.");
        }
    }

    private boolean existsCaseInsensitive(String field, String value, String exceptObjectId) {
        ClassSchema schema = schemas.enforceClassExists("_User");
        Map<String, Object> where = new LinkedHashMap<>();
        where.put(field, Map.of("$regex", "^" + literalRegex(value) + "$", "$options", "i"));
        where.put("objectId", Map.of("$ne", exceptObjectId));
        return !storage.find("_User", schema, where, QueryOptions.limit(1).withKeys(List.of("objectId")))
                .isEmpty();
    }

    /** The value as a regular expression that matches exactly it. */
    static String literalRegex(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isBlank(Object o) {
        return o == null || "".equals(o);
    }

    private static ParseException invalidLogin() {
        return new ParseException(ParseError.OBJECT_NOT_FOUND, "Invalid username/password.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** Whether the user signed up anonymously (authData.anonymous), as Parse's AnonymousUtils.isLinked. */
    public boolean isAnonymous(String userId) {
        ClassSchema schema = schemas.schemaOrEmpty("_User");
        List<Map<String, Object>> found =
                storage.find("_User", schema, Map.of("objectId", userId), QueryOptions.limit(1));
        return !found.isEmpty()
                && found.get(0).get("authData") instanceof Map<?, ?> authData
                && authData.get("anonymous") != null;
    }
}
