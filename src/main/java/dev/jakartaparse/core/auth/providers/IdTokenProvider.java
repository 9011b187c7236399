package dev.jakartaparse.core.auth.providers;

import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * Sign in with an OpenID Connect ID token (authData {id, token}): the token must be signed by
 * the provider's key set, issued by the provider, meant for one of the configured client ids, and
 * its subject must be the claimed id. The key set URL and issuer can be overridden in the options
 * ({@code jwksUri}, {@code issuer}) so a local fake can stand in for the provider in tests.
 */
abstract class IdTokenProvider implements AuthProvider {

    @Inject
    JwtVerifier jwt;

    abstract String displayName();

    abstract String defaultJwksUri();

    abstract List<String> issuers();

    String issuerMessage(List<String> expected, Object iss) {
        return "id token not issued by correct OpenID provider - expected: " + expected.get(0) + " | from: " + iss;
    }

    @Override
    public void validateAuthData(Map<String, Object> authData, Map<String, Object> options) {
        List<String> clientIds = stringList(options.get("clientId"));
        if (clientIds.isEmpty()) {
            throw JwtVerifier.invalid(displayName() + " auth is not configured.");
        }
        if (!(authData.get("token") instanceof String token) || token.isEmpty()) {
            throw JwtVerifier.invalid("id token is invalid for this user.");
        }
        String jwks = options.get("jwksUri") instanceof String u ? u : defaultJwksUri();
        List<String> issuers = options.get("issuer") instanceof String i ? List.of(i) : issuers();
        Map<String, Object> claims = jwt.verify(token, jwks, clientIds);
        if (!issuers.contains(claims.get("iss"))) {
            throw JwtVerifier.invalid(issuerMessage(issuers, claims.get("iss")));
        }
        if (!String.valueOf(claims.get("sub")).equals(authData.get("id"))) {
            throw JwtVerifier.invalid("auth data is invalid for this user.");
        }
    }

    static List<String> stringList(Object v) {
        if (v instanceof String s && !s.isEmpty()) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            return l.stream()
                    .filter(x -> x instanceof String)
                    .map(String::valueOf)
                    .toList();
        }
        return List.of();
    }
}
