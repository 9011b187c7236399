package dev.jakartaparse.core.auth.providers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Facebook Login: authData {id, access_token} is checked with the Graph API (the token's user is
 * the claimed id, the token's app is one of the configured appIds); authData {id, token} (Limited
 * Login) is an ID token checked like Apple's. Options: appIds, appSecret, and graphApiUrl / jwksUri
 * to point at a local fake in tests.
 */
@ApplicationScoped
public class FacebookProvider extends IdTokenProvider {
    @Inject
    ProviderHttp http;

    @Override
    public String name() {
        return "facebook";
    }

    @Override
    String displayName() {
        return "Facebook";
    }

    @Override
    String defaultJwksUri() {
        return "https://limited.facebook.com/.well-known/oauth/openid/jwks/";
    }

    @Override
    List<String> issuers() {
        return List.of("https://www.facebook.com");
    }

    @Override
    public void validateAuthData(Map<String, Object> authData, Map<String, Object> options) {
        if (authData.get("token") != null) {
            super.validateAuthData(
                    authData,
                    Map.of(
                            "clientId",
                            options.getOrDefault("appIds", List.of()),
                            "jwksUri",
                            options.getOrDefault("jwksUri", defaultJwksUri())));
            return;
        }
        List<String> appIds = stringList(options.get("appIds"));
        if (appIds.isEmpty()) {
            throw JwtVerifier.invalid("Facebook auth is not configured.");
        }
        if (!(authData.get("access_token") instanceof String token) || token.isEmpty()) {
            throw JwtVerifier.invalid("Facebook auth is invalid for this user.");
        }
        String base = options.get("graphApiUrl") instanceof String u ? u : "https://graph.facebook.com/";
        String proof =
                options.get("appSecret") instanceof String secret ? "&appsecret_proof=" + hmac(secret, token) : "";
        String enc = URLEncoder.encode(token, StandardCharsets.UTF_8);
        Map<?, ?> me = graph(base + "me?fields=id&access_token=" + enc + proof);
        if (me == null || !String.valueOf(me.get("id")).equals(String.valueOf(authData.get("id")))) {
            throw JwtVerifier.invalid("Facebook auth is invalid for this user.");
        }
        Map<?, ?> app = graph(base + "app?access_token=" + enc + proof);
        if (app == null || !appIds.contains(String.valueOf(app.get("id")))) {
            throw JwtVerifier.invalid("Facebook auth is invalid for this user.");
        }
    }

    private Map<?, ?> graph(String url) {
        return http.getJson(url);
    }

    private static String hmac(String secret, String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
