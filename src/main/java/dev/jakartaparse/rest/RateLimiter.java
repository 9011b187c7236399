package dev.jakartaparse.rest;

import dev.jakartaparse.config.RateLimitRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixed-window request counters per rule and key (IP, session, user or global), in memory. */
@ApplicationScoped
public class RateLimiter {
    private static final int MAX_KEYS = 100_000;

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts one request; false when the window's limit is already used up. */
    public boolean tryAcquire(int ruleIndex, RateLimitRule rule, String key) {
        long now = System.currentTimeMillis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> now - w.start() >= rule.requestTimeWindowMs());
        }
        Window w = windows.compute(ruleIndex + "|" + key, (k, old) ->
                old == null || now - old.start() >= rule.requestTimeWindowMs() ? new Window(now, 1)
                        : new Window(old.start(), old.count() + 1));
        return w.count() <= rule.requestCount();
    }
}
