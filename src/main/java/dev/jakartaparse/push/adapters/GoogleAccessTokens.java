package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth2 access tokens for a Google service account (the JWT bearer grant: an RS256 assertion
 * posted to the account's {@code token_uri}), kept until shortly before they expire and shared by
 * every thread sending through the adapter.
 */
final class GoogleAccessTokens {
    static final String FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RENEW_SECONDS_EARLY = 60;

    private final FcmSettings.ServiceAccount account;
    private final HttpClient client;
    private final Clock clock;
    private PrivateKey key;
    private String token;
    private Instant renewAt = Instant.MIN;

    GoogleAccessTokens(FcmSettings.ServiceAccount account, HttpClient client, Clock clock) {
        this.account = account;
        this.client = client;
        this.clock = clock;
    }

    /** A valid access token, fetched again when the one held is about to expire. */
    synchronized String current() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** The service refused the token (401): the next {@link #current} fetches a new one. */
    synchronized void discard() {
        token = null;
    }

    private void fetch() throws IOException, InterruptedException {
        Instant now = clock.instant();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", FCM_SCOPE);
        claims.put("aud", account.tokenUri());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.getEpochSecond() + 3600);
        String form =
                "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&assertion=" + Jwt.rs256(header, claims, key());
        HttpRequest request = PushHttp.request(account.tokenUri())
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (body == null || !body.path("access_token").isTextual()) {
            throw new IOException("the service account's token_uri answered HTTP " + response.statusCode()
                    + " without an access token");
        }
        token = body.get("access_token").asText();
        long lifetime = body.path("expires_in").asLong(3600);
        renewAt = now.plusSeconds(Math.max(0, lifetime - RENEW_SECONDS_EARLY));
    }

    private PrivateKey key() throws IOException {
        if (key == null) {
            try {
                key = KeyMaterial.privateKey(account.privateKey(), "RSA");
            } catch (GeneralSecurityException e) {
                throw new IOException("the service account's private_key is not a PKCS#8 RSA key: " + e.getMessage());
            }
        }
        return key;
    }
}
