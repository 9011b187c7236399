package dev.jakartaparse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LiveQuery settings: Parse Server's {@code liveQuery} option ({@code classNames}, {@code redisURL})
 * and {@code liveQueryServerOptions} ({@code keyPairs}, {@code redisURL}).
 *
 * @param classNames classes whose writes are published to subscribers
 * @param redisURL   when set, events and cache invalidations travel through Redis pub/sub so that
 *                   several servers share them; otherwise they stay in this JVM
 * @param keyPairs   when not empty, a connect must carry one of these key/value pairs (Parse's whitelist)
 * @param websocketTimeoutMillis how often clients are pinged; one that misses a pong is disconnected
 * @param regexTimeoutMillis how long one $regex test of a subscription may run before it counts as no
 *                   match (Parse's {@code liveQuery.regexTimeout}, default 100; 0: no limit)
 */
public record LiveQueryOptions(
        Set<String> classNames,
        String redisURL,
        Map<String, String> keyPairs,
        long websocketTimeoutMillis,
        long regexTimeoutMillis) {

    static final long DEFAULT_WEBSOCKET_TIMEOUT_MILLIS = 10_000;
    static final long DEFAULT_REGEX_TIMEOUT_MILLIS = 100;
    public static final LiveQueryOptions NONE = new LiveQueryOptions(
            Set.of(), null, Map.of(), DEFAULT_WEBSOCKET_TIMEOUT_MILLIS, DEFAULT_REGEX_TIMEOUT_MILLIS);

    public LiveQueryOptions {
        classNames = Set.copyOf(classNames);
        keyPairs = Map.copyOf(keyPairs);
    }

    public boolean publishes(String className) {
        return classNames.contains(className);
    }

    static LiveQueryOptions from(Map<String, Object> liveQuery, Map<String, Object> serverOptions) {
        if (liveQuery == null && serverOptions == null) {
            return NONE;
        }
        Map<String, Object> lq = liveQuery == null ? Map.of() : liveQuery;
        Map<String, Object> so = serverOptions == null ? Map.of() : serverOptions;
        Object names = lq.get("classNames");
        if (names != null && !(names instanceof List<?> l && l.stream().allMatch(n -> n instanceof String))) {
            throw new ConfigurationError("liveQuery", "classNames must be an array of class names");
        }
        Object redis = so.get("redisURL") != null ? so.get("redisURL") : lq.get("redisURL");
        if (redis != null && !(redis instanceof String url && url.matches("redis://[^/?#]+(/\\d*)?"))) {
            throw new ConfigurationError("liveQuery", "redisURL must look like redis://[:password@]host[:port]");
        }
        Map<String, String> keyPairs = new LinkedHashMap<>();
        if (so.get("keyPairs") instanceof Map<?, ?> pairs) {
            pairs.forEach((k, v) -> keyPairs.put(String.valueOf(k), String.valueOf(v)));
        } else if (so.get("keyPairs") != null) {
            throw new ConfigurationError("liveQueryServerOptions", "keyPairs must be an object");
        }
        Object timeout = so.getOrDefault("websocketTimeout", DEFAULT_WEBSOCKET_TIMEOUT_MILLIS);
        if (!(timeout instanceof Number n) || n.longValue() < 100) {
            throw new ConfigurationError(
                    "liveQueryServerOptions", "websocketTimeout must be a number of milliseconds (at least 100)");
        }
        // Parse Server reads it from liveQuery; liveQueryServerOptions is accepted too.
        Object regexTimeout = lq.containsKey("regexTimeout")
                ? lq.get("regexTimeout")
                : so.getOrDefault("regexTimeout", DEFAULT_REGEX_TIMEOUT_MILLIS);
        if (!(regexTimeout instanceof Number r) || r.longValue() < 0) {
            throw new ConfigurationError("liveQuery", "regexTimeout must be a number");
        }
        @SuppressWarnings("unchecked")
        List<String> classNames = names == null ? List.of() : (List<String>) names;
        return new LiveQueryOptions(Set.copyOf(classNames), (String) redis, keyPairs, n.longValue(), r.longValue());
    }
}
