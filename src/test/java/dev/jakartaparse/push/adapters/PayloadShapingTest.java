package dev.jakartaparse.push.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Payloads shaped as @parse/push-adapter shapes them (APNSNative.js, FCM.js). */
class PayloadShapingTest {

    private static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void apnsHeaderKeysLeaveThePayloadAndSetTheHeaders() {
        var shaped = ApnsNotifications.shape(
                data(
                        "alert",
                        "hi",
                        "pushType",
                        "background",
                        "priority",
                        5,
                        "collapseId",
                        "c",
                        "expiry",
                        77,
                        "id",
                        "u1",
                        "mutable-content",
                        1,
                        "content-available",
                        0,
                        "threadId",
                        "th",
                        "x",
                        1),
                "com.app",
                null);
        assertEquals(
                Map.of(
                        "apns-topic",
                        "com.app",
                        "apns-push-type",
                        "background",
                        "apns-priority",
                        "5",
                        "apns-expiration",
                        "77",
                        "apns-collapse-id",
                        "c",
                        "apns-id",
                        "u1"),
                shaped.headers());
        assertEquals(
                Map.of("aps", Map.of("alert", Map.of("body", "hi"), "mutable-content", 1, "thread-id", "th"), "x", 1),
                shaped.payload());
    }

    @Test
    void apnsTopicFollowsThePushTypeAndAnAlertDictionaryIsKept() {
        var voip = ApnsNotifications.shape(data("alert", Map.of("loc-key", "K"), "push_type", "voip"), "com.app", null);
        assertEquals("com.app.voip", voip.headers().get("apns-topic"));
        assertEquals(Map.of("aps", Map.of("alert", Map.of("loc-key", "K"))), voip.payload());
        assertNull(voip.headers().get("apns-expiration"));
        var expiring = ApnsNotifications.shape(data("badge", "Increment"), "a", Instant.ofEpochMilli(1_500));
        assertEquals("2", expiring.headers().get("apns-expiration"));
    }

    @Test
    void theTitleJoinsTheAlertWithoutChangingThePushData() {
        Map<String, Object> alert = new LinkedHashMap<>(Map.of("body", "B"));
        Map<String, Object> data = data("alert", alert, "title", "T");
        var shaped = ApnsNotifications.shape(data, "a", null);
        assertEquals(
                Map.of("body", "B", "title", "T"), ((Map<?, ?>) shaped.payload().get("aps")).get("alert"));
        assertEquals(Map.of("body", "B"), alert);
    }

    @Test
    void androidMessageKeepsParseSdkFieldsAndCapsTheTtlAtFourWeeks() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        var m = FcmMessages.android(
                data("alert", "a", "badge", 1, "priority", 10, "uri", "u"),
                "pid",
                now,
                now.plusSeconds(90L * 24 * 3600));
        @SuppressWarnings("unchecked")
        Map<String, Object> android = (Map<String, Object>) m.get("android");
        assertEquals("2419200s", android.get("ttl"));
        assertEquals(
                Map.of("push_id", "pid", "time", "2030-01-01T00:00:00Z", "data", "{\"alert\":\"a\",\"uri\":\"u\"}"),
                android.get("data"));
        var past = FcmMessages.android(data("alert", "a"), "pid", now, now.minusSeconds(5));
        assertEquals("0s", ((Map<?, ?>) past.get("android")).get("ttl"));
        var never = FcmMessages.android(data("alert", "a"), "pid", now, null);
        assertFalse(((Map<?, ?>) never.get("android")).containsKey("ttl"));
    }

    @Test
    void appleThroughFcmPutsApsInTheApnsPayloadAndCustomKeysBeside() {
        var m = FcmMessages.apple(
                data("alert", "a", "title", "t", "badge", 2, "collapse_id", "c", "priority", 5, "k", "v"),
                Instant.ofEpochSecond(100));
        assertEquals(
                Map.of(
                        "payload",
                        Map.of("aps", Map.of("alert", Map.of("body", "a", "title", "t"), "badge", 2), "k", "v"),
                        "headers",
                        Map.of(
                                "apns-push-type",
                                "alert",
                                "apns-expiration",
                                "100",
                                "apns-collapse-id",
                                "c",
                                "apns-priority",
                                "5")),
                m.get("apns"));
    }
}
