package dev.jakartaparse.push.adapters;

import dev.jakartaparse.config.ConfigurationError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One APNs entry of the push option: {@code token} ({@code key}: the .p8 key as PEM text or a path,
 * {@code keyId}, {@code teamId}), {@code topic} (or the deprecated {@code bundleId}),
 * {@code production}; and ours: {@code apnsEndpoint}, {@code apnsCaFile}, {@code maxConcurrentRequests}.
 */
record ApnsSettings(
        String key,
        String keyId,
        String teamId,
        String topic,
        boolean production,
        String endpoint,
        String caFile,
        int maxConcurrentRequests) {
    static final String PRODUCTION = "https://api.push.apple.com";
    static final String SANDBOX = "https://api.sandbox.push.apple.com";

    /** The entries of one platform: an object, or an array of them (one per bundle id). */
    @SuppressWarnings("unchecked")
    static List<ApnsSettings> entries(String platform, Object value) {
        List<Object> raw = value instanceof List<?> l ? (List<Object>) l : List.of(value);
        List<ApnsSettings> entries = new ArrayList<>();
        for (Object entry : raw) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new ConfigurationError(
                        "push", "has an " + platform + " entry that is not an object (APNS Configuration is invalid)");
            }
            entries.add(from(platform, (Map<String, Object>) m));
        }
        return entries;
    }

    private static ApnsSettings from(String platform, Map<String, Object> m) {
        if (!(m.get("token") instanceof Map<?, ?> token)) {
            throw new ConfigurationError(
                    "push",
                    "has an " + platform
                            + " entry without token (token.key, token.keyId, token.teamId): only APNs token"
                            + " authentication is supported");
        }
        String key = text(token.get("key"), platform + ".token.key");
        String keyId = text(token.get("keyId"), platform + ".token.keyId");
        String teamId = text(token.get("teamId"), platform + ".token.teamId");
        Object topic = m.get("topic") != null ? m.get("topic") : m.get("bundleId");
        boolean production = Boolean.TRUE.equals(m.get("production"));
        String endpoint = Endpoints.checked(
                platform + ".apnsEndpoint", m.getOrDefault("apnsEndpoint", production ? PRODUCTION : SANDBOX), false);
        Object ca = m.get("apnsCaFile");
        if (ca != null && !(ca instanceof String)) {
            throw new ConfigurationError("push", "has an " + platform + ".apnsCaFile that is not a PEM path or text");
        }
        return new ApnsSettings(
                key,
                keyId,
                teamId,
                topic instanceof String s && !s.isEmpty() ? s : null,
                production,
                endpoint,
                (String) ca,
                Endpoints.positive(platform, m, "maxConcurrentRequests", PushHttp.DEFAULT_MAX_IN_FLIGHT));
    }

    private static String text(Object v, String option) {
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new ConfigurationError("push", "has no " + option + " (APNs token authentication needs it)");
    }
}
