package dev.jakartaparse.core.auth;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.Auth;
import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import dev.jakartaparse.core.schema.ClassSchema;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject
    ParseConfig config;
    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;
    @Inject
    SessionTokens sessions;

    /**
     * Checks a new user and turns its password into {@code _hashed_password}. Returns the
     * private fields to store with the object (never shown to clients).
     */
    public Map<String, Object> prepareSignUp(String objectId, Map<String, Object> data, Auth auth) {
        rejectManualEmailVerification(data, auth);
        if (!hasAuthData(data)) {
            if (!(data.get("username") instanceof String u) || u.isEmpty()) {
                throw new ParseException(ParseError.USERNAME_MISSING, "bad or missing username");
            }
            if (!(data.get("password") instanceof String p) || p.isEmpty()) {
                throw new ParseException(ParseError.PASSWORD_MISSING, "password is required");
            }
        } else {
            throw new ParseException(ParseError.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
        }
        Map<String, Object> secret = hashPassword(data);
        requireUniqueUsername(data.get("username"), objectId);
        checkEmail(data, objectId);
        Map<String, Object> acl = data.get("ACL") instanceof Map<?, ?> given ? copy(given) : new LinkedHashMap<>();
        if (!(data.get("ACL") instanceof Map) && !config.enforcePrivateUsers()) {
            acl.put("*", Map.of("read", true, "write", false));
        }
        acl.put(objectId, Map.of("read", true, "write", true));
        data.put("ACL", acl);
        return secret;
    }

    /** Checks a change to an existing user; returns the private fields to store with it. */
    public Map<String, Object> prepareUpdate(String objectId, Map<String, Object> data, Auth auth) {
        if (auth.isUnauthenticated()) {
            throw ParseException.sanitized(ParseError.SESSION_MISSING, "Cannot modify user " + objectId + ".");
        }
        rejectManualEmailVerification(data, auth);
        if (hasAuthData(data)) {
            throw new ParseException(ParseError.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
        }
        if (data.containsKey("username")) {
            Object u = data.get("username");
            if (!(u instanceof String s) || s.isEmpty()) {
                throw new ParseException(ParseError.USERNAME_MISSING, "bad or missing username");
            }
            requireUniqueUsername(u, objectId);
        }
        checkEmail(data, objectId);
        Map<String, Object> secret = Map.of();
        if (data.containsKey("password")) {
            if (!(data.get("password") instanceof String p) || p.isEmpty()) {
                throw new ParseException(ParseError.PASSWORD_MISSING, "password is required");
            }
            secret = hashPassword(data);
        }
        if (data.get("ACL") instanceof Map<?, ?> given && !auth.master()) {
            // A user can never lock themselves out of their own record.
            Map<String, Object> acl = copy(given);
            acl.put(objectId, Map.of("read", true, "write", true));
            data.put("ACL", acl);
        }
        return secret;
    }

    /** After a sign-up: the new session's token (none for Cloud Code's "cloud" installation). */
    public String startSession(String userId, String action, Auth auth) {
        if ("cloud".equals(auth.installationId())) {
            return null;
        }
        Map<String, Object> s = sessions.createSession(userId, SessionTokens.createdWith(action, "password"),
                auth.installationId(), null);
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
        Map<String, Object> s = sessions.createSession(userId, SessionTokens.createdWith("login", "password"),
                auth.installationId(), null);
        return (String) s.get("sessionToken");
    }

    /**
     * Log-in with username (or email given as username) or email, and password. The same 101 for
     * an unknown user and a wrong password, after the same bcrypt work.
     */
    public Map<String, Object> authenticate(Object username, Object email, Object password, Auth auth) {
        if (isBlank(username) && isBlank(email)) {
            throw new ParseException(ParseError.USERNAME_MISSING, "username/email is required.");
        }
        if (isBlank(password)) {
            throw new ParseException(ParseError.PASSWORD_MISSING, "password is required.");
        }
        if (!(password instanceof String pw) || email != null && !(email instanceof String)
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
                ? found.stream().filter(u -> username != null && username.equals(u.get("username"))).findFirst().orElse(found.get(0))
                : found.get(0);
        Object hash = user.get("_hashed_password");
        boolean ok = hash instanceof String h && !h.isEmpty() ? PasswordHasher.matches(pw, h)
                : PasswordHasher.compareWithDummy(pw);
        if (!ok) {
            throw invalidLogin();
        }
        // A user with an empty ACL is locked out (master key only).
        if (!auth.master() && user.get("ACL") instanceof Map<?, ?> acl && acl.isEmpty()) {
            throw invalidLogin();
        }
        return user;
    }

    // ---- checks ----

    private static void rejectManualEmailVerification(Map<String, Object> data, Auth auth) {
        if (!auth.master() && data.containsKey("emailVerified")) {
            throw ParseException.sanitized(ParseError.OPERATION_FORBIDDEN,
                    "Clients aren't allowed to manually update email verification.");
        }
    }

    private static boolean hasAuthData(Map<String, Object> data) {
        return data.get("authData") instanceof Map<?, ?> a && a.values().stream()
                .anyMatch(v -> v instanceof Map<?, ?> m && !m.isEmpty());
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
        return !storage.find("_User", schema, where, QueryOptions.limit(1).withKeys(List.of("objectId"))).isEmpty();
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
}
