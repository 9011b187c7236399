package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.List;
import java.util.Map;

/**
 * Parse Server's requestKeywordDenylist defaults: keys {@code __proto__} and {@code constructor}
 * and {@code _bsontype: "Code"} are refused anywhere in a body or a query, at any depth.
 */
public final class RequestGuards {
    private RequestGuards() {}

    public static void rejectProhibitedKeywords(Object data) {
        scan(data, 0);
    }

    private static void scan(Object data, int depth) {
        if (depth > 512) {
            throw new ParseException(ParseError.INVALID_JSON, "Invalid JSON");
        }
        if (data instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ("__proto__".equals(key) || "constructor".equals(key)) {
                    throw new ParseException(
                            ParseError.INVALID_KEY_NAME,
                            "Prohibited keyword in request data: {\"key\":\"" + key + "\"}.");
                }
                if ("_bsontype".equals(key) && "Code".equals(e.getValue())) {
                    throw new ParseException(
                            ParseError.INVALID_KEY_NAME,
                            "Prohibited keyword in request data: {\"key\":\"_bsontype\",\"value\":\"Code\"}.");
                }
                scan(e.getValue(), depth + 1);
            }
        } else if (data instanceof List<?> list) {
            for (Object o : list) {
                scan(o, depth + 1);
            }
        }
    }
}
