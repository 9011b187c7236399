package dev.jakartaparse.push.adapters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An APNs request's headers and payload shaped from a push's data as Parse's native APNs adapter
 * shapes them: alert, title, badge, sound, category and the like in {@code aps}; content-available
 * and mutable-content only when 1; header keys (pushType, priority, collapseId, expiry, topic, id)
 * taken out of the payload; every other key at the top level beside {@code aps}.
 */
final class ApnsNotifications {
    /** Apple refuses a payload over 4 KB (for a regular remote notification). */
    static final int MAX_PAYLOAD_BYTES = 4096;

    record Shaped(Map<String, String> headers, Map<String, Object> payload) {}

    private ApnsNotifications() {}

    @SuppressWarnings("unchecked")
    static Shaped shape(Map<String, Object> data, String topic, Instant expiresAt) {
        Map<String, Object> aps = new LinkedHashMap<>();
        Map<String, Object> custom = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "aps" -> {
                    if (v instanceof Map<?, ?> m) {
                        aps.putAll((Map<String, Object>) m);
                    }
                }
                case "alert" -> {
                    if (v instanceof Map<?, ?>) {
                        aps.put("alert", v);
                    } else {
                        alert(aps).put("body", v);
                    }
                }
                case "title" -> alert(aps).put("title", v);
                case "badge", "sound", "category" -> aps.put(e.getKey(), v);
                case "content-available", "mutable-content" -> {
                    if (isOne(v)) {
                        aps.put(e.getKey(), 1);
                    }
                }
                case "targetContentIdentifier" -> aps.put("target-content-id", v);
                case "interruptionLevel" -> aps.put("interruption-level", v);
                case "threadId" -> aps.put("thread-id", v);
                case "id",
                        "collapseId",
                        "channelId",
                        "requestId",
                        "pushType",
                        "topic",
                        "expiry",
                        "priority",
                        "expiration_time",
                        "collapse_id",
                        "push_type" -> {}
                default -> custom.put(e.getKey(), v);
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("aps", aps);
        payload.putAll(custom);

        String pushType = text(first(data.get("pushType"), data.get("push_type")), "alert");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "apns-topic", data.get("topic") != null ? String.valueOf(data.get("topic")) : topic(topic, pushType));
        headers.put("apns-push-type", pushType);
        headers.put("apns-priority", FcmMessages.number(first(data.get("priority"), 10)));
        Long expiry = expiry(data, expiresAt);
        if (expiry != null && expiry >= 0) {
            headers.put("apns-expiration", Long.toString(expiry));
        }
        Object collapseId = first(data.get("collapseId"), data.get("collapse_id"));
        if (collapseId != null) {
            headers.put("apns-collapse-id", String.valueOf(collapseId));
        }
        if (data.get("id") != null && !String.valueOf(data.get("id")).isEmpty()) {
            headers.put("apns-id", String.valueOf(data.get("id")));
        }
        return new Shaped(headers, payload);
    }

    /** Apple's topic for a push type: the bundle id, with the suffix some push types need. */
    static String topic(String bundleId, String pushType) {
        if (bundleId == null) {
            return null;
        }
        return switch (pushType) {
            case "location" -> bundleId + ".location-query";
            case "voip" -> bundleId + ".voip";
            case "complication" -> bundleId + ".complication";
            case "fileprovider" -> bundleId + ".pushkit.fileprovider";
            case "liveactivity" -> bundleId + ".push-type.liveactivity";
            case "pushtotalk" -> bundleId + ".voip-ptt";
            default -> bundleId;
        };
    }

    private static Long expiry(Map<String, Object> data, Instant expiresAt) {
        if (data.get("expiry") instanceof Number n) {
            return n.longValue();
        }
        Instant at = expiresAt != null ? expiresAt : FcmMessages.millis(data.get("expiration_time"));
        return at == null ? null : Math.round(at.toEpochMilli() / 1000.0);
    }

    /** The alert dictionary, as a copy of its own (the push's data is never changed). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> alert(Map<String, Object> aps) {
        Map<String, Object> alert = aps.get("alert") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given)
                : new LinkedHashMap<>();
        aps.put("alert", alert);
        return alert;
    }

    private static boolean isOne(Object v) {
        return v instanceof Number n && n.doubleValue() == 1;
    }

    private static Object first(Object a, Object b) {
        return a != null ? a : b;
    }

    private static String text(Object v, String fallback) {
        return v == null ? fallback : String.valueOf(v);
    }
}
