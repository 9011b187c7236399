package dev.jakartaparse.push.adapters;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The APNs provider token: an ES256 JWT ({@code kid} the key id, {@code iss} the team id). Apple
 * refuses one older than an hour and throttles one renewed more often than every 20 minutes, so it
 * is kept for 50 minutes, and renewed sooner only when Apple answers ExpiredProviderToken.
 */
final class ApnsProviderToken {
    static final Duration LIFETIME = Duration.ofMinutes(50);

    private final PrivateKey key;
    private final String keyId;
    private final String teamId;
    private final Clock clock;
    private String token;
    private Instant issuedAt;

    ApnsProviderToken(PrivateKey key, String keyId, String teamId, Clock clock) {
        this.key = key;
        this.keyId = keyId;
        this.teamId = teamId;
        this.clock = clock;
    }

    synchronized String current() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(issuedAt.plus(LIFETIME))) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "ES256");
            header.put("kid", keyId);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", teamId);
            claims.put("iat", now.getEpochSecond());
            token = Jwt.es256(header, claims, key);
            issuedAt = now;
        }
        return token;
    }

    /**
     * Apple said the token expired: the next request signs a new one. Answers about a token signed
     * in the last minute are about the one before it (Apple throttles frequent renewals).
     */
    synchronized void expired() {
        if (token != null && !clock.instant().isBefore(issuedAt.plusSeconds(60))) {
            token = null;
        }
    }
}
