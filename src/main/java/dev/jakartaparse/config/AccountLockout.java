package dev.jakartaparse.config;

import java.util.Map;

/**
 * Parse Server's accountLockout option: after {@code threshold} failed log-ins in a row the account
 * is locked for {@code durationMinutes}; a password reset may unlock it.
 */
public record AccountLockout(double durationMinutes, int threshold, boolean unlockOnPasswordReset) {

    /** Reads and checks the option as Parse Server does; null when not configured. */
    static AccountLockout from(Map<String, Object> raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw.get("duration") instanceof Number d) || d.doubleValue() <= 0 || d.doubleValue() > 99999) {
            throw new ConfigurationError("accountLockout", "duration should be greater than 0 and less than 100000");
        }
        Object t = raw.get("threshold");
        if (!(t instanceof Integer || t instanceof Long)
                || ((Number) t).longValue() < 1
                || ((Number) t).longValue() > 999) {
            throw new ConfigurationError(
                    "accountLockout", "threshold should be an integer greater than 0 and less than 1000");
        }
        Object unlock = raw.getOrDefault("unlockOnPasswordReset", false);
        if (!(unlock instanceof Boolean u)) {
            throw new ConfigurationError("accountLockout", "unlockOnPasswordReset must be a boolean");
        }
        return new AccountLockout(d.doubleValue(), ((Number) t).intValue(), u);
    }

    /** "Please try again after 5 minute(s)", with the duration as configured (5, or 0.5). */
    public String durationText() {
        return durationMinutes == Math.rint(durationMinutes)
                ? String.valueOf((long) durationMinutes)
                : String.valueOf(durationMinutes);
    }
}
