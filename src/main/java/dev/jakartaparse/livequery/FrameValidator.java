package dev.jakartaparse.livequery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a client frame against the shapes of Parse Server's LiveQuery RequestSchema and answers
 * with the same messages its JSON-schema validator gives ("Missing required property: op",
 * "Additional properties not allowed", ...), or null when the frame is well formed.
 */
final class FrameValidator {
    /** Parse Server's operations, and "query" (the JS SDK's subscription.find(); in Parse Server a pull request). */
    static final Set<String> OPS = Set.of("connect", "subscribe", "unsubscribe", "update", "query");

    private static final List<String> CONNECT_KEYS = List.of(
            "op",
            "applicationId",
            "javascriptKey",
            "masterKey",
            "clientKey",
            "windowsKey",
            "restAPIKey",
            "sessionToken",
            "installationId");
    private static final List<String> SUBSCRIBE_KEYS = List.of("op", "requestId", "query", "sessionToken");
    private static final List<String> QUERY_KEYS = List.of("className", "where", "keys", "watch");

    private FrameValidator() {}

    static String validate(Object frame) {
        if (!(frame instanceof Map<?, ?> m)) {
            return invalidType(frame, "object");
        }
        if (!m.containsKey("op")) {
            return "Missing required property: op";
        }
        if (!(m.get("op") instanceof String op)) {
            return invalidType(m.get("op"), "string");
        }
        if (!OPS.contains(op)) {
            return "No enum match for: \"" + op + "\"";
        }
        return switch (op) {
            case "connect" -> connect(m);
            case "unsubscribe", "query" -> requestIdOnly(m);
            default -> subscribe(m);
        };
    }

    private static String connect(Map<?, ?> m) {
        if (!m.containsKey("applicationId")) {
            return "Missing required property: applicationId";
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!CONNECT_KEYS.contains(key)) {
                return "Additional properties not allowed";
            }
            if (!"op".equals(key) && !(e.getValue() instanceof String)) {
                return invalidType(e.getValue(), "string");
            }
        }
        return null;
    }

    /** unsubscribe and query: the op and a numeric requestId, nothing else. */
    private static String requestIdOnly(Map<?, ?> m) {
        if (!m.containsKey("requestId")) {
            return "Missing required property: requestId";
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!"op".equals(key) && !"requestId".equals(key)) {
                return "Additional properties not allowed";
            }
            if ("requestId".equals(key) && !(e.getValue() instanceof Number)) {
                return invalidType(e.getValue(), "number");
            }
        }
        return null;
    }

    private static String subscribe(Map<?, ?> m) {
        for (String required : List.of("requestId", "query")) {
            if (!m.containsKey(required)) {
                return "Missing required property: " + required;
            }
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (!SUBSCRIBE_KEYS.contains(key)) {
                return "Additional properties not allowed";
            }
            String error = switch (key) {
                case "requestId" -> value instanceof Number ? null : invalidType(value, "number");
                case "sessionToken" -> value instanceof String ? null : invalidType(value, "string");
                case "query" -> query(value);
                default -> null;
            };
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static String query(Object value) {
        if (!(value instanceof Map<?, ?> q)) {
            return invalidType(value, "object");
        }
        for (String required : List.of("where", "className")) {
            if (!q.containsKey(required)) {
                return "Missing required property: " + required;
            }
        }
        for (Map.Entry<?, ?> e : q.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (!QUERY_KEYS.contains(key)) {
                return "Additional properties not allowed";
            }
            String error = switch (key) {
                case "className" -> v instanceof String ? null : invalidType(v, "string");
                case "where" -> v instanceof Map ? null : invalidType(v, "object");
                default -> fieldList(v);
            };
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** keys and watch: a non-empty array of distinct strings. */
    private static String fieldList(Object v) {
        if (!(v instanceof List<?> list)) {
            return invalidType(v, "array");
        }
        if (list.isEmpty()) {
            return "Array is too short (0), minimum 1";
        }
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String)) {
                return invalidType(item, "string");
            }
            int earlier = seen.indexOf(item);
            if (earlier >= 0) {
                return "Array items are not unique (indices " + earlier + " and " + i + ")";
            }
            seen.add(item);
        }
        return null;
    }

    private static String invalidType(Object value, String expected) {
        return "Invalid type: " + typeName(value) + " (expected " + expected + ")";
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }
}
