package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.RateLimitRule;
import dev.jakartaparse.redis.RedisAddress;
import dev.jakartaparse.redis.RedisClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fixed-window request counters per rule and key (IP, session, user or global): in memory, or in
 * Redis for a rule with a redisUrl, so that every server counts against one window. When that
 * Redis cannot be reached the server counts on its own rather than refuse or wave through all.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
    private static final int MAX_KEYS = 100_000;
    /** Counts one request and starts the window with the first; atomic in Redis. */
    private static final String INCREMENT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    private record Window(long start, int count) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<RedisAddress, RedisClient> redis = new ConcurrentHashMap<>();

    /** Counts one request; false when the window's limit is already used up. */
    public boolean tryAcquire(int ruleIndex, RateLimitRule rule, String key) {
        if (rule.redis() != null) {
            try {
                Object n = redis.computeIfAbsent(rule.redis(), RedisClient::new)
                        .call(
                                "EVAL",
                                INCREMENT,
                                "1",
                                "parse-server-rate-limit:" + ruleIndex + ":" + key,
                                Long.toString(rule.requestTimeWindowMs()));
                return n instanceof Long count && count <= rule.requestCount();
            } catch (IOException e) {
                LOG.log(
                        Level.WARNING,
                        "Rate limit: Redis at " + rule.redis() + " unavailable, counting in memory: " + e.getMessage());
            }
        }
        long now = System.currentTimeMillis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> now - w.start() >= rule.requestTimeWindowMs());
        }
        Window w = windows.compute(
                ruleIndex + "|" + key,
                (k, old) -> old == null || now - old.start() >= rule.requestTimeWindowMs()
                        ? new Window(now, 1)
                        : new Window(old.start(), old.count() + 1));
        return w.count() <= rule.requestCount();
    }

    @PreDestroy
    void close() {
        redis.values().forEach(RedisClient::close);
    }
}
