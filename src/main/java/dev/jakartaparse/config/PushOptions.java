package dev.jakartaparse.config;

import java.util.Map;

/**
 * Parse Server's {@code push} option (its adapters' settings, keyed by platform: {@code android},
 * {@code ios}, ...) and {@code scheduledPush}: whether a push with a future push_time is accepted
 * (and, here, sent by the server when its time comes).
 */
public record PushOptions(Map<String, Object> adapters, boolean scheduledPush) {

    public static final PushOptions NONE = new PushOptions(Map.of(), false);

    /** The settings of one platform's adapter, or an empty map when it has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> adapter(String platform) {
        return adapters.get(platform) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Push is configured: Parse Server's hasPushSupport. */
    public boolean configured() {
        return !adapters.isEmpty();
    }
}
