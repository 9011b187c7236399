package dev.jakartaparse.livequery;

import dev.jakartaparse.model.Auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who each session token belongs to (and, through the {@link Auth}, that user's roles), kept for
 * a few seconds so that an event to many subscribers does not look every token up again. Cleared
 * whenever a role or session changes anywhere (the bus's clearCache).
 */
final class SessionAuthCache {
    private record Entry(Auth auth, long expiresAt) {}

    private static final int MAX_ENTRIES = 100_000;

    private final long ttlMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SessionAuthCache(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    /** The token's Auth, or null when the token is not a valid session. */
    Auth get(String token, Function<String, Auth> load) {
        long now = System.currentTimeMillis();
        Entry e = entries.get(token);
        if (e == null || e.expiresAt < now) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            e = new Entry(load.apply(token), now + ttlMillis);
            entries.put(token, e);
        }
        return e.auth;
    }

    void clear() {
        entries.clear();
    }
}
