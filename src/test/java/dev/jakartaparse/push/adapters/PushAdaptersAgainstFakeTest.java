package dev.jakartaparse.push.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jakartaparse.config.PushOptions;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Delivery.Outcome;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The adapters against the fake FCM (HTTP) and APNs (HTTP/2 over TLS only: an answer at all proves
 * HTTP/2) of the black-box suite: what arrives, and what each answer becomes.
 */
class PushAdaptersAgainstFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakePushProcess fake;
    private static ExecutorService executor;
    private static FcmPushAdapter fcm;
    private static ApnsPushAdapter apns;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(FakePushProcess.nodeAvailable(), "node is needed for the fake push services");
        fake = new FakePushProcess(true);
        executor = Executors.newCachedThreadPool();
        PushOptions options = new PushOptions(fake.pushOption(), false);
        fcm = new FcmPushAdapter(options, executor, Clock.systemUTC(), Duration.ofMillis(20));
        apns = new ApnsPushAdapter(options, executor, Clock.systemUTC(), Duration.ofMillis(20));
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
            executor.shutdownNow();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        fake.reset();
    }

    private static Device android(String token) {
        return new Device("i-" + token, "android", token, null, null);
    }

    private static Device ios(String token, String app) {
        return new Device("i-" + token, "ios", token, null, app);
    }

    private static Map<String, Delivery> byToken(List<Delivery> deliveries) {
        return deliveries.stream().collect(Collectors.toMap(d -> d.device().deviceToken(), Function.identity()));
    }

    private static Notification notification(Map<String, Object> data, Instant expiresAt) {
        return new Notification("push123", data, expiresAt);
    }

    @Test
    void fcmSendsParseShapedAndroidMessagesAndReportsStaleTokens() throws Exception {
        fake.answer(Map.of("token", "gone", "unregistered", true));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", "Hello");
        data.put("badge", 3);
        data.put("custom", "x");
        Instant expires = Instant.now().plusSeconds(600);
        List<Delivery> result =
                fcm.send(notification(data, expires), List.of(android("a1"), android("a2"), android("gone")));
        Map<String, Delivery> d = byToken(result);
        assertEquals(3, result.size());
        assertEquals(Outcome.SENT, d.get("a1").outcome());
        assertEquals(Outcome.SENT, d.get("a2").outcome());
        assertEquals(Outcome.INVALID_TOKEN, d.get("gone").outcome());
        assertTrue(
                d.get("gone").error().startsWith("UNREGISTERED"), d.get("gone").error());

        JsonNode received = fake.received();
        assertEquals(2, received.get("fcm").size());
        JsonNode first = received.get("fcm").get(0);
        assertEquals("fake-project", first.get("project").asText());
        JsonNode android = first.get("message").get("android");
        assertEquals("high", android.get("priority").asText());
        assertEquals("push123", android.get("data").get("push_id").asText());
        JsonNode inner = JSON.readTree(android.get("data").get("data").asText());
        assertEquals("Hello", inner.get("alert").asText());
        assertEquals("x", inner.get("custom").asText());
        assertTrue(inner.get("badge") == null, "FCM data carries strings only: badge is left out, as Parse does");
        long ttl = Long.parseLong(android.get("ttl").asText().replace("s", ""));
        assertTrue(ttl > 590 && ttl <= 600, "ttl " + ttl);

        // the access token is kept: a second push asks the token endpoint nothing
        fcm.send(notification(Map.of("alert", "again"), null), List.of(android("a3")));
        assertEquals(1, fake.received().get("counts").get("tokenGrants").asInt());
    }

    @Test
    void throttledRequestsAreRetriedAFewTimesThenFail() throws Exception {
        fake.answer(Map.of("token", "busy", "status", 429, "times", 2, "retryAfter", 0));
        fake.answer(Map.of("token", "down", "status", 503, "times", 100));
        Map<String, Delivery> d =
                byToken(fcm.send(notification(Map.of("alert", "hi"), null), List.of(android("busy"), android("down"))));
        assertEquals(Outcome.SENT, d.get("busy").outcome());
        assertEquals(Outcome.FAILED, d.get("down").outcome());
        assertEquals(1, fake.received().get("fcm").size());

        fake.answer(Map.of("token", "ibusy", "status", 429, "times", 1, "retryAfter", 1));
        long t0 = System.nanoTime();
        Map<String, Delivery> i =
                byToken(apns.send(notification(Map.of("alert", "hi"), null), List.of(ios("ibusy", "com.example.app"))));
        assertEquals(Outcome.SENT, i.get("ibusy").outcome());
        assertTrue(System.nanoTime() - t0 >= 900_000_000L, "waited for Retry-After: 1");
    }

    @Test
    void apnsSendsParseShapedNotificationsOverHttp2() throws Exception {
        fake.answer(Map.of("token", "stale", "status", 410));
        fake.answer(Map.of("token", "bad", "status", 400, "reason", "BadDeviceToken"));
        fake.answer(Map.of("token", "odd", "status", 400, "reason", "BadCollapseId"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", "T");
        data.put("alert", "Body");
        data.put("badge", 5);
        data.put("sound", "ping.caf");
        data.put("content-available", 1);
        data.put("category", "cat");
        data.put("collapse_id", "c1");
        data.put("custom", Map.of("k", "v"));
        Instant expires = Instant.ofEpochSecond(4_000_000_000L);
        Map<String, Delivery> d = byToken(apns.send(
                notification(data, expires),
                List.of(
                        ios("t1", "com.example.app"),
                        ios("stale", "com.example.app"),
                        ios("bad", "com.example.app"),
                        ios("odd", "com.example.app"),
                        ios("t2", "com.other.app"))));
        assertEquals(Outcome.SENT, d.get("t1").outcome());
        assertEquals(Outcome.INVALID_TOKEN, d.get("stale").outcome());
        assertEquals("Unregistered", d.get("stale").error());
        assertEquals(Outcome.INVALID_TOKEN, d.get("bad").outcome());
        assertEquals(Outcome.FAILED, d.get("odd").outcome());
        assertEquals("BadCollapseId", d.get("odd").error());
        assertEquals(Outcome.FAILED, d.get("t2").outcome());
        assertEquals("No Provider found", d.get("t2").error());

        JsonNode got = fake.received().get("apns");
        assertEquals(1, got.size());
        JsonNode n = got.get(0);
        assertEquals("t1", n.get("token").asText());
        assertEquals("com.example.app", n.get("headers").get("apns-topic").asText());
        assertEquals("alert", n.get("headers").get("apns-push-type").asText());
        assertEquals("10", n.get("headers").get("apns-priority").asText());
        assertEquals("4000000000", n.get("headers").get("apns-expiration").asText());
        assertEquals("c1", n.get("headers").get("apns-collapse-id").asText());
        assertEquals(
                JSON.readTree(
                        "{\"aps\":{\"alert\":{\"title\":\"T\",\"body\":\"Body\"},\"badge\":5,\"sound\":\"ping.caf\","
                                + "\"content-available\":1,\"category\":\"cat\"},\"custom\":{\"k\":\"v\"}}"),
                n.get("payload"));
    }

    @Test
    void aNotificationOverTheFourKilobyteLimitIsFailedNotSent() throws Exception {
        Map<String, Object> data = Map.of("alert", "x".repeat(4100));
        List<Delivery> a = fcm.send(notification(data, null), List.of(android("big")));
        List<Delivery> i = apns.send(notification(data, null), List.of(ios("big", "com.example.app")));
        assertEquals(Outcome.FAILED, a.get(0).outcome());
        assertTrue(a.get(0).error().startsWith("payload too large"), a.get(0).error());
        assertEquals(Outcome.FAILED, i.get(0).outcome());
        assertTrue(i.get(0).error().startsWith("payload too large"), i.get(0).error());
        JsonNode counts = fake.received().get("counts");
        assertEquals(
                0,
                counts.get("fcm").asInt()
                        + counts.get("apns").asInt()
                        + counts.get("fcmRefused").asInt()
                        + counts.get("apnsRefused").asInt());
    }

    @Test
    void devicesOfAnUnconfiguredTypeOrWithoutTokenFail() {
        assertEquals(java.util.Set.of("android"), fcm.deviceTypes());
        assertEquals(java.util.Set.of("ios"), apns.deviceTypes());
        List<Delivery> r = fcm.send(
                notification(Map.of("alert", "x"), null),
                List.of(new Device("i1", "web", "w", null, null), new Device("i2", "android", null, null, null)));
        assertTrue(r.stream().allMatch(x -> x.outcome() == Outcome.FAILED));
    }
}
