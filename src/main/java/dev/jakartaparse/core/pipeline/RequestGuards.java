package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.RequestKeywordDenylist;
import dev.jakartaparse.config.RequestKeywordDenylist.Keyword;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.List;
import java.util.Map;

/**
 * Applies requestKeywordDenylist to request data: every key (dot paths such as
 * {@code "meta.__proto__.x"} included, since a keyword is found anywhere in a key) and every value,
 * at any depth, in objects and arrays. 105 "Prohibited keyword in request data: {keyword}." as
 * Parse Server answers, before anything is stored, so no such key ever reaches the database.
 */
public final class RequestGuards {
    private static final int MAX_DEPTH = 512;

    private RequestGuards() {}

    public static void rejectProhibitedKeywords(Object data, RequestKeywordDenylist denylist) {
        if (!denylist.entries().isEmpty()) {
            scan(data, denylist.entries(), 0);
        }
    }

    private static void scan(Object data, List<Keyword> keywords, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException(ParseError.INVALID_JSON, "Invalid JSON");
        }
        if (data instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                check(String.valueOf(e.getKey()), e.getValue(), keywords);
                scan(e.getValue(), keywords, depth + 1);
            }
        } else if (data instanceof List<?> list) {
            // As JavaScript's Object.entries sees an array: its indexes are its keys.
            for (int i = 0; i < list.size(); i++) {
                check(Integer.toString(i), list.get(i), keywords);
                scan(list.get(i), keywords, depth + 1);
            }
        }
    }

    private static void check(String key, Object value, List<Keyword> keywords) {
        for (Keyword k : keywords) {
            boolean keyMatches = k.key() == null || k.key().matches(key);
            boolean valueMatches = k.value() == null || k.value().matches(value);
            if (keyMatches && valueMatches) {
                throw new ParseException(
                        ParseError.INVALID_KEY_NAME, "Prohibited keyword in request data: " + k.json() + ".");
            }
        }
    }
}
