package dev.jakartaparse.config;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parse Server's passwordPolicy option: a pattern new passwords must match (searched anywhere, as a
 * JavaScript RegExp test), whether a password may contain the username, how many days a password
 * lasts, and how many previous passwords may not be reused.
 */
public record PasswordPolicy(
        Pattern validatorPattern,
        String validationError,
        boolean doNotAllowUsername,
        Double maxPasswordAgeDays,
        int maxPasswordHistory,
        Double resetTokenValidityDurationSeconds,
        boolean resetTokenReuseIfValid) {

    public static final String DEFAULT_ERROR = "Password does not meet the Password Policy requirements.";

    public String error() {
        return validationError != null ? validationError : DEFAULT_ERROR;
    }

    /** Reads and checks the option with Parse Server's rules; null when not configured. */
    static PasswordPolicy from(Map<String, Object> raw) {
        if (raw == null) {
            return null;
        }
        Double maxAge = null;
        if (raw.get("maxPasswordAge") != null) {
            if (!(raw.get("maxPasswordAge") instanceof Number n) || n.doubleValue() < 0) {
                throw new ConfigurationError("passwordPolicy", "maxPasswordAge must be a positive number");
            }
            maxAge = n.doubleValue();
        }
        Double resetValidity = null;
        if (raw.get("resetTokenValidityDuration") != null) {
            if (!(raw.get("resetTokenValidityDuration") instanceof Number n) || n.doubleValue() <= 0) {
                throw new ConfigurationError("passwordPolicy", "resetTokenValidityDuration must be a positive number");
            }
            resetValidity = n.doubleValue();
        }
        Pattern pattern = null;
        if (raw.get("validatorPattern") != null) {
            if (!(raw.get("validatorPattern") instanceof String p)) {
                throw new ConfigurationError("passwordPolicy", "validatorPattern must be a regex string");
            }
            try {
                pattern = Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new ConfigurationError("passwordPolicy", "validatorPattern is not a valid regex: " + p);
            }
        }
        Object dna = raw.getOrDefault("doNotAllowUsername", false);
        if (!(dna instanceof Boolean doNotAllow)) {
            throw new ConfigurationError("passwordPolicy", "doNotAllowUsername must be a boolean value");
        }
        int history = 0;
        if (raw.get("maxPasswordHistory") != null) {
            Object h = raw.get("maxPasswordHistory");
            if (!(h instanceof Integer || h instanceof Long)
                    || ((Number) h).longValue() < 0
                    || ((Number) h).longValue() > 20) {
                throw new ConfigurationError("passwordPolicy", "maxPasswordHistory must be an integer ranging 0 - 20");
            }
            history = ((Number) h).intValue();
        }
        String error = raw.get("validationError") instanceof String s ? s : null;
        boolean reuse = Boolean.TRUE.equals(raw.get("resetTokenReuseIfValid"));
        return new PasswordPolicy(pattern, error, doNotAllow, maxAge, history, resetValidity, reuse);
    }
}
