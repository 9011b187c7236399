package dev.jakartaparse.core.auth.providers;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies RS256 ID tokens (JWT) against a JSON Web Key Set fetched from the provider, with the
 * checks and messages of the jsonwebtoken library Parse Server uses. Keys are cached per key set
 * URL for an hour, in this bean (one per application).
 */
@ApplicationScoped
class JwtVerifier {
    private static final Duration CACHE_FOR = Duration.ofHours(1);

    @Inject
    ProviderHttp http;

    private final Map<String, CachedKeys> cache = new ConcurrentHashMap<>();

    private record CachedKeys(Instant fetched, List<?> keys) {}

    /** The token's claims once its signature, expiry and audience hold; 101 otherwise. */
    Map<String, Object> verify(String token, String jwksUri, List<String> audiences) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("jwt malformed");
        }
        Map<String, Object> header = decodeJson(parts[0]);
        Map<String, Object> claims = decodeJson(parts[1]);
        String kid = header.get("kid") instanceof String k ? k : null;
        if (!"RS256".equals(header.get("alg"))) {
            throw invalid("invalid algorithm");
        }
        PublicKey key = key(jwksUri, kid);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw invalid("invalid signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("invalid signature");
        }
        if (claims.get("exp") instanceof Number exp
                && Instant.ofEpochSecond(exp.longValue()).isBefore(Instant.now())) {
            throw invalid("jwt expired");
        }
        Object aud = claims.get("aud");
        boolean audienceOk = aud instanceof String a
                ? audiences.contains(a)
                : aud instanceof List<?> l && l.stream().anyMatch(audiences::contains);
        if (!audienceOk) {
            throw invalid("jwt audience invalid. expected: " + String.join(" or ", audiences));
        }
        return claims;
    }

    private PublicKey key(String jwksUri, String kid) {
        CachedKeys cached = cache.get(jwksUri);
        if (cached == null
                || cached.fetched().plus(CACHE_FOR).isBefore(Instant.now())
                || find(cached.keys(), kid) == null) {
            cached = new CachedKeys(Instant.now(), fetch(jwksUri, kid));
            cache.put(jwksUri, cached);
        }
        Map<?, ?> jwk = find(cached.keys(), kid);
        if (jwk == null || !(jwk.get("n") instanceof String n) || !(jwk.get("e") instanceof String e)) {
            throw invalid("Unable to find matching key for Key ID: " + kid);
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            RSAPublicKeySpec spec =
                    new RSAPublicKeySpec(new BigInteger(1, d.decode(n)), new BigInteger(1, d.decode(e)));
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw invalid("Unable to find matching key for Key ID: " + kid);
        }
    }

    private List<?> fetch(String jwksUri, String kid) {
        // unreachable or malformed: reported as Parse does, no key for this id
        Map<?, ?> keySet = http.getJson(jwksUri);
        if (keySet != null && keySet.get("keys") instanceof List<?> keys) {
            return keys;
        }
        throw invalid("Unable to find matching key for Key ID: " + kid);
    }

    private static Map<?, ?> find(List<?> keys, String kid) {
        for (Object k : keys) {
            if (k instanceof Map<?, ?> m && (kid == null || kid.equals(m.get("kid")))) {
                return m;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decodeJson(String part) {
        try {
            if (Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8))
                    instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (RuntimeException e) {
            // malformed below
        }
        throw invalid("jwt malformed");
    }

    static ParseException invalid(String message) {
        return new ParseException(ParseError.OBJECT_NOT_FOUND, message);
    }
}
