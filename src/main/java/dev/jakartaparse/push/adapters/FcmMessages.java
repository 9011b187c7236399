package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FCM HTTP v1 messages shaped from a push's data as Parse's FCM adapter shapes them. For Android,
 * Parse's own SDK reads {@code android.data}: {@code push_id}, {@code time} and the whole data as JSON
 * in {@code data}, sent with high priority; APNs' integer keys are left out of it because FCM wants
 * strings. For Apple devices through FCM, the data becomes {@code apns.payload} ({@code aps} and the
 * custom keys beside it) and {@code apns.headers}.
 */
final class FcmMessages {
    /** FCM keeps a message at most four weeks. */
    static final long MAX_TTL_SECONDS = 4L * 7 * 24 * 60 * 60;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> APNS_INTEGER_KEYS =
            List.of("badge", "content-available", "mutable-content", "priority", "expiration_time");

    private FcmMessages() {}

    /**
     * The message for Android devices, without its token. Parse's adapter hands FCM the ttl in
     * seconds where firebase-admin expects milliseconds (so its ttl is a thousandth of the
     * expiration); here the ttl is the time left until the expiration, as meant.
     */
    static Map<String, Object> android(Map<String, Object> data, String pushId, Instant now, Instant expiresAt) {
        Map<String, Object> android = new LinkedHashMap<>();
        android.put("priority", "high");
        Map<String, Object> appData = new LinkedHashMap<>(data);
        APNS_INTEGER_KEYS.forEach(appData::remove);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("push_id", pushId);
        fields.put("time", now.toString());
        fields.put("data", json(appData));
        android.put("data", fields);
        Instant expiration = expiresAt != null ? expiresAt : millis(data.get("expiration_time"));
        if (expiration != null) {
            long ttl = Math.max(0, Math.min(MAX_TTL_SECONDS, (expiration.toEpochMilli() - now.toEpochMilli()) / 1000));
            android.put("ttl", ttl + "s");
        }
        return Map.of("android", android);
    }

    /** The message for Apple devices through FCM, without its token. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> apple(Map<String, Object> data, Instant expiresAt) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("apns-push-type", "alert");
        Instant expiration = expiresAt != null ? expiresAt : millis(data.get("expiration_time"));
        if (expiration != null) {
            headers.put("apns-expiration", Long.toString(Math.round(expiration.toEpochMilli() / 1000.0)));
        }
        if (data.get("collapse_id") != null) {
            headers.put("apns-collapse-id", String.valueOf(data.get("collapse_id")));
        }
        if (data.get("push_type") != null) {
            headers.put("apns-push-type", String.valueOf(data.get("push_type")));
        }
        if (data.get("priority") != null) {
            headers.put("apns-priority", number(data.get("priority")));
        }
        Map<String, Object> aps = new LinkedHashMap<>();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "aps" -> payload.put("aps", v);
                case "alert" -> {
                    if (v instanceof Map<?, ?>) {
                        apsOf(payload).put("alert", v);
                    } else {
                        Map<String, Object> alert = new LinkedHashMap<>();
                        alert.put("body", v);
                        apsOf(payload).put("alert", alert);
                    }
                }
                case "title" -> {
                    Map<String, Object> target = apsOf(payload);
                    Map<String, Object> alert = target.get("alert") instanceof Map<?, ?> given
                            ? new LinkedHashMap<>((Map<String, Object>) given)
                            : new LinkedHashMap<>();
                    alert.put("title", v);
                    target.put("alert", alert);
                }
                case "badge", "sound", "content-available", "mutable-content", "category" ->
                    apsOf(payload).put(e.getKey(), v);
                case "targetContentIdentifier" -> apsOf(payload).put("target-content-id", v);
                case "interruptionLevel" -> apsOf(payload).put("interruption-level", v);
                case "threadId" -> apsOf(payload).put("thread-id", v);
                case "expiration_time", "collapse_id", "push_type", "priority" -> {}
                default -> payload.put(e.getKey(), v);
            }
        }
        Map<String, Object> apns = new LinkedHashMap<>();
        apns.put("payload", payload);
        apns.put("headers", headers);
        return Map.of("apns", apns);
    }

    /** The aps dictionary, as a copy of its own (the push's data is never changed). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> apsOf(Map<String, Object> payload) {
        Map<String, Object> aps = payload.get("aps") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given)
                : new LinkedHashMap<>();
        payload.put("aps", aps);
        return aps;
    }

    /** Parse's expiration_time: epoch milliseconds (a number) or an ISO date. */
    static Instant millis(Object value) {
        if (value instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    static String number(Object value) {
        return value instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())
                ? Long.toString(n.longValue())
                : String.valueOf(value);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the push data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
