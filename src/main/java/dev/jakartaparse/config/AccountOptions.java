package dev.jakartaparse.config;

import java.util.List;
import java.util.Map;

/**
 * Options about users and sessions, with Parse Server's names and defaults.
 *
 * @param sessionLengthSeconds          sessionLength: how long a session lasts (default one year)
 * @param expireInactiveSessions        when false, sessions are created without an expiry date
 * @param revokeSessionOnPasswordReset  a password change ends the user's other sessions
 * @param protectedFields               per class, per "*", "authenticated", role, user id or
 *                                      "userField:x": the fields others cannot see
 * @param auth                          auth providers by name with their options (Parse's auth)
 * @param enableAnonymousUsers          whether authData.anonymous may sign users up and in
 * @param accountLockout                failed log-ins that lock an account (null: never)
 * @param passwordPolicy                rules for new passwords (null: none)
 */
public record AccountOptions(
        long sessionLengthSeconds,
        boolean expireInactiveSessions,
        boolean revokeSessionOnPasswordReset,
        Map<String, Map<String, List<String>>> protectedFields,
        Map<String, Object> auth,
        boolean enableAnonymousUsers,
        AccountLockout accountLockout,
        PasswordPolicy passwordPolicy) {

    public static final long ONE_YEAR_SECONDS = 31_536_000L;

    /** Parse Server's default: other users never see a user's email. */
    public static Map<String, Map<String, List<String>>> defaultProtectedFields() {
        return Map.of("_User", Map.of("*", List.of("email")));
    }

    public static AccountOptions defaults() {
        return new AccountOptions(ONE_YEAR_SECONDS, true, true, defaultProtectedFields(), Map.of(), true, null, null);
    }

    /** The configured protected fields of a class (empty when none). */
    public Map<String, List<String>> protectedFieldsOf(String className) {
        Map<String, List<String>> f = protectedFields == null ? null : protectedFields.get(className);
        return f == null ? Map.of() : f;
    }
}
