package dev.jakartaparse.config;

import dev.jakartaparse.redis.RedisAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of Parse Server's rateLimit option: at most {@code requestCount} requests per
 * {@code requestTimeWindowMs} on paths matching {@code requestPath} (below the mount path; "*"
 * matches anything, ":name" one segment), counted per client IP (zone "ip"), per session or
 * user, or for everyone ("global"); in this server's memory, or in the Redis at {@code redis}
 * ({@code redisUrl}) so that several servers share the counts.
 */
public record RateLimitRule(
        String requestPath,
        Pattern path,
        long requestTimeWindowMs,
        int requestCount,
        List<String> requestMethods,
        String errorResponseMessage,
        boolean includeMasterKey,
        boolean includeInternalRequests,
        String zone,
        RedisAddress redis) {

    private static final Set<String> KEYS = Set.of(
            "requestPath",
            "requestTimeWindow",
            "requestCount",
            "requestMethods",
            "errorResponseMessage",
            "includeMasterKey",
            "includeInternalRequests",
            "redisUrl",
            "zone");
    private static final Set<String> ZONES = Set.of("global", "ip", "user", "session");

    /** The option as a list of rules: one object or an array of them; checked like Parse Server does. */
    static List<RateLimitRule> fromOption(Object raw) {
        List<RateLimitRule> rules = new ArrayList<>();
        if (raw == null) {
            return rules;
        }
        List<?> entries = raw instanceof List<?> l ? l : List.of(raw);
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> m)) {
                throw new ConfigurationError("rateLimit", "must be an object or an array of objects");
            }
            for (Object key : m.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new ConfigurationError("rateLimit", "Invalid rate limit option \"" + key + "\"");
                }
            }
            if (!(m.get("requestPath") instanceof String path) || path.isEmpty()) {
                throw new ConfigurationError("rateLimit", "requestPath must be defined");
            }
            if (!(m.get("requestTimeWindow") instanceof Number window) || window.longValue() <= 0) {
                throw new ConfigurationError(
                        "rateLimit", "requestTimeWindow must be a positive number of milliseconds");
            }
            if (!(m.get("requestCount") instanceof Number count) || count.intValue() <= 0) {
                throw new ConfigurationError("rateLimit", "requestCount must be a positive number");
            }
            List<String> methods = new ArrayList<>();
            Object rm = m.get("requestMethods");
            if (rm instanceof String s) {
                methods.add(s.toUpperCase(Locale.ROOT));
            } else if (rm instanceof List<?> l) {
                l.forEach(x -> methods.add(String.valueOf(x).toUpperCase(Locale.ROOT)));
            } else if (rm != null) {
                throw new ConfigurationError("rateLimit", "requestMethods must be an array or a string");
            }
            String zone = m.get("zone") instanceof String z ? z : "ip";
            if (!ZONES.contains(zone)) {
                throw new ConfigurationError("rateLimit", "zone must be one of global, ip, user, session");
            }
            String message = m.get("errorResponseMessage") instanceof String s ? s : "Too many requests.";
            rules.add(new RateLimitRule(
                    path,
                    compile(path),
                    window.longValue(),
                    count.intValue(),
                    methods,
                    message,
                    Boolean.TRUE.equals(m.get("includeMasterKey")),
                    Boolean.TRUE.equals(m.get("includeInternalRequests")),
                    zone,
                    redis(m.get("redisUrl"))));
        }
        return rules;
    }

    /**
     * A rule a Cloud Code validator declares for its own route: {@code route} (e.g. /functions/hello
     * or /classes/GameScore) and anything below it, counted per client IP.
     */
    public static RateLimitRule forRoute(
            String route,
            List<String> methods,
            long windowMs,
            int count,
            String message,
            boolean includeMasterKey,
            boolean includeInternalRequests) {
        Pattern path = Pattern.compile("^" + Pattern.quote(route) + "(/.*)?$", Pattern.CASE_INSENSITIVE);
        return new RateLimitRule(
                route,
                path,
                windowMs,
                count,
                List.copyOf(methods),
                message,
                includeMasterKey,
                includeInternalRequests,
                "ip",
                null);
    }

    private static RedisAddress redis(Object url) {
        if (url == null) {
            return null;
        }
        try {
            return RedisAddress.parse(String.valueOf(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("rateLimit", "redisUrl must look like redis://[:password@]host[:port]");
        }
    }

    /**
     * "/classes/*" and "/functions/:name" style paths as an anchored regular expression; like Parse
     * Server's (path-to-regexp's default) it ignores case.
     */
    static Pattern compile(String path) {
        StringBuilder re = new StringBuilder("^");
        String p = path.startsWith("/") || path.startsWith("*") ? path : "/" + path;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*') {
                re.append(".*");
                while (i + 1 < p.length() && Character.isLetterOrDigit(p.charAt(i + 1))) {
                    i++; // a named wildcard (*path) matches the same
                }
            } else if (c == ':') {
                re.append("[^/]+");
                while (i + 1 < p.length() && (Character.isLetterOrDigit(p.charAt(i + 1)) || p.charAt(i + 1) == '_')) {
                    i++;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.append("/?$").toString(), Pattern.CASE_INSENSITIVE);
    }

    /** @param pathBelowMount the path as the route table reads it (see rest.filters.RoutablePath) */
    public boolean applies(String method, String pathBelowMount) {
        return (requestMethods.isEmpty() || requestMethods.contains(method))
                && path.matcher(pathBelowMount).matches();
    }

    /**
     * For a sub-request of a batch: its method or the batch's own POST may match the rule's methods,
     * as Parse Server checks both.
     */
    public boolean appliesInBatch(String method, String pathBelowMount) {
        return (requestMethods.isEmpty() || requestMethods.contains(method) || requestMethods.contains("POST"))
                && path.matcher(pathBelowMount).matches();
    }
}
