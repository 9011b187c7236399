package dev.jakartaparse.core.auth;

import dev.jakartaparse.config.AccountLockout;
import dev.jakartaparse.config.EmailOptions;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.mail.EmailAdapter;
import dev.jakartaparse.core.mail.SmtpEmailAdapter;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.IsoDates;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Email verification and password reset, as Parse Server's UserController: the tokens kept on
 * the user ({@code _email_verify_token}, {@code _perishable_token} and their expiry dates), the
 * emails with their links, and what the links do when followed.
 */
@ApplicationScoped
public class AccountEmails {
    static final String NOT_CONFIGURED =
            "An appName, publicServerURL, and emailAdapter are required for password reset "
                    + "and email verification functionality.";

    ParseConfig config;
    SchemaController schemas;
    StorageAdapter storage;
    /** Looked up when used: UserAccounts needs this bean too. */
    Instance<UserAccounts> users;

    SessionTokens sessions;

    private EmailAdapter adapter;

    Instance<EmailAdapter> customAdapters;
    /** Where SMTP mail is sent from: the container's threads, never ones of our own. */
    @Resource
    ManagedExecutorService mailExecutor;

    @Inject
    public AccountEmails(
            ParseConfig config,
            SchemaController schemas,
            StorageAdapter storage,
            Instance<UserAccounts> users,
            SessionTokens sessions,
            Instance<EmailAdapter> customAdapters) {
        this.config = config;
        this.schemas = schemas;
        this.storage = storage;
        this.users = users;
        this.sessions = sessions;
        this.customAdapters = customAdapters;
    }

    /** For the CDI client proxy only (the reason the fields are not final). */
    protected AccountEmails() {}

    /** An application's own EmailAdapter bean wins; otherwise SMTP when emailAdapter is configured. */
    @PostConstruct
    void init() {
        if (customAdapters.isResolvable()) {
            adapter = customAdapters.get();
            return;
        }
        EmailOptions.SmtpOptions smtp = config.email().smtp();
        adapter = smtp == null ? null : new SmtpEmailAdapter(smtp, mailExecutor);
    }

    /** For tests and for applications that bring their own way of sending mail. */
    public void useAdapter(EmailAdapter emailAdapter) {
        this.adapter = emailAdapter;
    }

    private EmailOptions options() {
        return config.email();
    }

    /** 1 (500) when an endpoint needs email but the server cannot send any, as Parse Server answers. */
    public void requireEmailConfig() {
        if (adapter == null || options().appName() == null || config.publicServerURL() == null) {
            throw new ParseException(ParseError.INTERNAL_SERVER_ERROR, NOT_CONFIGURED);
        }
    }

    // ---- verification ----

    /**
     * A user's email is new or changed: with verifyUserEmails it becomes unverified and gets a
     * token; returns the private fields to store (empty when nothing is to be verified).
     */
    public Map<String, Object> startVerification(Map<String, Object> data) {
        Map<String, Object> secret = new LinkedHashMap<>();
        if (!options().verifyUserEmails() || !(data.get("email") instanceof String)) {
            return secret;
        }
        data.put("emailVerified", false);
        secret.put("_email_verify_token", ObjectIds.random(25));
        if (options().emailVerifyTokenValiditySeconds() != null) {
            secret.put(
                    "_email_verify_token_expires_at",
                    ObjectIds.date(Instant.now().plusSeconds(options().emailVerifyTokenValiditySeconds())));
        }
        return secret;
    }

    /** Sends the verification email with its link, when there is a token to verify and a way to send. */
    public void sendVerificationEmail(String email, String username, String token) {
        if (adapter == null || token == null || email == null || !options().sendUserEmailVerification()) {
            return;
        }
        String link = link("verify_email", token);
        String app = appName();
        adapter.sendMail(
                email,
                "Please verify your e-mail for " + app,
                "Hi,\n\nYou are being asked to confirm the e-mail address " + email + " with " + app
                        + "\n\nClick here to confirm it:\n" + link);
    }

    /** Following a verification link: true when the token was valid (the email is now verified). */
    public boolean verifyEmail(String token) {
        if (!options().verifyUserEmails() || token == null || token.isEmpty()) {
            return false;
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("_email_verify_token", token);
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("emailVerified", true);
        changes.put("_email_verify_token", Map.of("__op", "Delete"));
        if (options().emailVerifyTokenValiditySeconds() != null) {
            where.put("emailVerified", false);
            where.put("_email_verify_token_expires_at", Map.of("$gt", ObjectIds.date(Instant.now())));
            changes.put("_email_verify_token_expires_at", Map.of("__op", "Delete"));
        }
        Map<String, Object> updated = storage.findOneAndUpdate("_User", schema, where, changes);
        return updated != null;
    }

    /** The email parameter of the two request endpoints: 204 when missing, 125 when not a string. */
    private String requireEmailParameter(Object email) {
        requireEmailConfig();
        if (email == null || "".equals(email)) {
            throw new ParseException(ParseError.EMAIL_MISSING, "you must provide an email");
        }
        if (!(email instanceof String e)) {
            throw new ParseException(ParseError.INVALID_EMAIL_ADDRESS, "you must provide a valid email string");
        }
        return e;
    }

    /** POST /verificationEmailRequest {email}: a new link for an unverified user. */
    public void resendVerification(Object email, Auth auth) {
        String e = requireEmailParameter(email);
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> found = storage.find("_User", schema, Map.of("email", e), QueryOptions.limit(1));
        boolean quiet = options().emailVerifySuccessOnInvalidEmail();
        if (found.isEmpty()) {
            if (quiet) {
                return;
            }
            throw new ParseException(ParseError.EMAIL_NOT_FOUND, "No user found with email " + e);
        }
        Map<String, Object> user = found.get(0);
        if (Boolean.TRUE.equals(user.get("emailVerified"))) {
            if (quiet) {
                return;
            }
            throw new ParseException(ParseError.OTHER_CAUSE, "Email " + e + " is already verified.");
        }
        String token = reusableVerifyToken(user);
        if (token == null) {
            Map<String, Object> data = new LinkedHashMap<>(Map.of("email", e));
            Map<String, Object> secret = startVerification(data);
            if (secret.isEmpty()) {
                return;
            }
            Map<String, Object> changes = new LinkedHashMap<>(secret);
            changes.put("emailVerified", false);
            storage.findOneAndUpdate("_User", schema, Map.of("objectId", user.get("objectId")), changes);
            token = (String) secret.get("_email_verify_token");
        }
        sendVerificationEmail(e, (String) user.get("username"), token);
    }

    /** The "send a new link" form of the invalid-link page: by username, for an unverified user. */
    public boolean resendVerificationForUsername(String username) {
        if (adapter == null || username == null || username.isEmpty()) {
            return false;
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> found =
                storage.find("_User", schema, Map.of("username", username), QueryOptions.limit(1));
        if (found.isEmpty()
                || Boolean.TRUE.equals(found.get(0).get("emailVerified"))
                || !(found.get(0).get("email") instanceof String email)) {
            return false;
        }
        resendVerification(email, Auth.masterKey());
        return true;
    }

    private String reusableVerifyToken(Map<String, Object> user) {
        if (!options().emailVerifyTokenReuseIfValid()
                || options().emailVerifyTokenValiditySeconds() == null
                || !(user.get("_email_verify_token") instanceof String token)) {
            return null;
        }
        Instant expires = dateOf(user.get("_email_verify_token_expires_at"));
        return expires != null && expires.isAfter(Instant.now()) ? token : null;
    }

    // ---- password reset ----

    /** POST /requestPasswordReset {email}: a reset link by email; unknown emails succeed quietly by default. */
    public void requestPasswordReset(Object email) {
        String e = requireEmailParameter(email);
        ClassSchema schema = schemas.enforceClassExists("_User");
        Map<String, Object> byEmail = Map.of("email", e);
        Map<String, Object> byUsername = Map.of("username", e, "email", Map.of("$exists", false));
        List<Map<String, Object>> found =
                storage.find("_User", schema, Map.of("$or", List.of(byEmail, byUsername)), QueryOptions.limit(1));
        if (found.isEmpty()) {
            if (options().resetPasswordSuccessOnInvalidEmail()) {
                return;
            }
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "A user with that email does not exist.");
        }
        Map<String, Object> user = found.get(0);
        String token = reusableResetToken(user);
        if (token == null) {
            token = ObjectIds.random(25);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("_perishable_token", token);
            Double validity = resetValiditySeconds();
            if (validity != null) {
                changes.put(
                        "_perishable_token_expires_at",
                        ObjectIds.date(Instant.now().plusMillis((long) (validity * 1000))));
            }
            storage.findOneAndUpdate("_User", schema, Map.of("objectId", user.get("objectId")), changes);
        }
        String username = (String) user.get("username");
        String app = appName();
        adapter.sendMail(
                e,
                "Password Reset for " + app,
                "Hi,\n\nYou requested to reset your password for " + app
                        + (username != null ? " (your username is '" + username + "')" : "")
                        + ".\n\nClick here to reset it:\n"
                        + link("request_password_reset", token));
    }

    private String reusableResetToken(Map<String, Object> user) {
        var policy = config.accounts().passwordPolicy();
        if (policy == null
                || !policy.resetTokenReuseIfValid()
                || policy.resetTokenValidityDurationSeconds() == null
                || !(user.get("_perishable_token") instanceof String token)) {
            return null;
        }
        Instant expires = dateOf(user.get("_perishable_token_expires_at"));
        return expires != null && expires.isAfter(Instant.now()) ? token : null;
    }

    private Double resetValiditySeconds() {
        var policy = config.accounts().passwordPolicy();
        return policy == null ? null : policy.resetTokenValidityDurationSeconds();
    }

    /** The user a reset token belongs to; the message Parse Server shows when it does not work. */
    public Map<String, Object> userForResetToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("Failed to reset password: username / email / token is invalid");
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        List<Map<String, Object>> found =
                storage.find("_User", schema, Map.of("_perishable_token", token), QueryOptions.limit(1));
        if (found.size() != 1) {
            throw new IllegalArgumentException("Failed to reset password: username / email / token is invalid");
        }
        if (resetValiditySeconds() != null) {
            Instant expires = dateOf(found.get(0).get("_perishable_token_expires_at"));
            if (expires != null && expires.isBefore(Instant.now())) {
                throw new IllegalArgumentException("The password reset link has expired");
            }
        }
        return found.get(0);
    }

    /**
     * Sets a new password through a reset token: the password policy applies, the token is used
     * up, the user's sessions end (revokeSessionOnPasswordReset) and a lockout may be lifted.
     */
    public void resetPassword(String token, String newPassword) {
        Map<String, Object> user = userForResetToken(token);
        String userId = (String) user.get("objectId");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("password", newPassword);
        Map<String, Object> secret;
        try {
            secret = users.get().prepareUpdate(userId, data, Auth.masterKey());
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Map<String, Object> changes = new LinkedHashMap<>(secret);
        changes.put("_perishable_token", Map.of("__op", "Delete"));
        changes.put("_perishable_token_expires_at", Map.of("__op", "Delete"));
        AccountLockout lockout = config.accounts().accountLockout();
        if (lockout != null && lockout.unlockOnPasswordReset()) {
            changes.put("_failed_login_count", Map.of("__op", "Delete"));
            changes.put("_account_lockout_expires_at", Map.of("__op", "Delete"));
        }
        ClassSchema schema = schemas.enforceClassExists("_User");
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", userId);
        where.put("_perishable_token", token); // used once: a second use finds nothing
        if (storage.findOneAndUpdate("_User", schema, where, changes) == null) {
            throw new IllegalArgumentException("Failed to reset password: username / email / token is invalid");
        }
        if (config.accounts().revokeSessionOnPasswordReset()) {
            sessions.revokeAllOf(userId, null);
        }
    }

    // ---- helpers ----

    public String appName() {
        return options().appName() == null ? "Parse" : options().appName();
    }

    private String link(String action, String token) {
        return config.publicUrl() + "/apps/" + URLEncoder.encode(config.appId(), StandardCharsets.UTF_8) + "/" + action
                + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static Instant dateOf(Object v) {
        return v instanceof Map<?, ?> d && d.get("iso") instanceof String iso ? IsoDates.parseDate(iso) : null;
    }
}
