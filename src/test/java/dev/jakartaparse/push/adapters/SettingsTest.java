package dev.jakartaparse.push.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.config.ConfigurationError;
import dev.jakartaparse.config.PushOptions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The push option as the adapters read it: what is accepted, and the one line a bad option stops start-up with. */
class SettingsTest {
    private static final Map<String, Object> TOKEN = Map.of("key", "/k.p8", "keyId", "K", "teamId", "T");

    private static String refusal(Map<String, Object> push) {
        PushOptions options = new PushOptions(push, false);
        ConfigurationError e = assertThrows(ConfigurationError.class, () -> {
            new FcmPushAdapter(options, Runnable::run, Clock.systemUTC(), Duration.ZERO);
            new ApnsPushAdapter(options, Runnable::run, Clock.systemUTC(), Duration.ZERO);
        });
        assertEquals("push", e.option());
        return e.getMessage();
    }

    @Test
    void androidWithoutServiceAccountAndApnsWithoutTokenAreRefused() {
        assertTrue(refusal(Map.of("android", Map.of("apiKey", "legacy"))).contains("firebaseServiceAccount"));
        assertTrue(
                refusal(Map.of("ios", Map.of("pfx", "/cert.p12", "topic", "a"))).contains("token"));
        assertTrue(refusal(Map.of("ios", Map.of("token", Map.of("key", "/k.p8"))))
                .contains("ios.token.keyId"));
        assertTrue(refusal(Map.of("android", Map.of("firebaseServiceAccount", Map.of("project_id", "p"))))
                .contains("client_email"));
    }

    @Test
    void plainHttpOnlyOnLoopbackAndOnlyForFcm() {
        Map<String, Object> account = Map.of("project_id", "p", "client_email", "e", "private_key", "k");
        assertTrue(refusal(Map.of(
                        "android", Map.of("firebaseServiceAccount", account, "fcmEndpoint", "http://example.com")))
                .contains("fcmEndpoint"));
        assertTrue(refusal(Map.of("ios", Map.of("token", TOKEN, "apnsEndpoint", "http://127.0.0.1:1")))
                .contains("apnsEndpoint"));
        assertTrue(refusal(Map.of("ios", Map.of("token", TOKEN, "maxConcurrentRequests", 0)))
                .contains("maxConcurrentRequests"));
        var ok = new FcmPushAdapter(
                new PushOptions(
                        Map.of("android", Map.of("firebaseServiceAccount", account, "fcmEndpoint", "http://[::1]:9/")),
                        false),
                Runnable::run,
                Clock.systemUTC(),
                Duration.ZERO);
        assertEquals(Set.of("android"), ok.deviceTypes());
    }

    @Test
    void appleEntriesGoToApnsUnlessTheyNameAServiceAccount() {
        Map<String, Object> account = Map.of("project_id", "p", "client_email", "e", "private_key", "k");
        PushOptions options = new PushOptions(
                Map.of(
                        "ios", List.of(Map.of("token", TOKEN, "topic", "a"), Map.of("token", TOKEN, "bundleId", "b")),
                        "osx", Map.of("token", TOKEN),
                        "tvos", Map.of("firebaseServiceAccount", account)),
                false);
        var apns = new ApnsPushAdapter(options, Runnable::run, Clock.systemUTC(), Duration.ZERO);
        var fcm = new FcmPushAdapter(options, Runnable::run, Clock.systemUTC(), Duration.ZERO);
        assertEquals(Set.of("ios", "osx"), apns.deviceTypes());
        assertEquals(Set.of("tvos"), fcm.deviceTypes());
        assertEquals(
                Set.of(),
                new ApnsPushAdapter(PushOptions.NONE, Runnable::run, Clock.systemUTC(), Duration.ZERO).deviceTypes());
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), PushHttp.retryAfter("7"));
        assertEquals(Duration.ZERO, PushHttp.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(null, PushHttp.retryAfter("soon"));
        assertEquals(null, PushHttp.retryAfter(null));
    }
}
