package dev.jakartaparse.core.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** Test helper: parses JSON (single quotes allowed) the way the server does, with Jackson. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true)
            .configure(JsonParser.Feature.ALLOW_UNQUOTED_FIELD_NAMES, true);

    private Json() {}

    static Map<String, Object> map(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException("bad test JSON: " + json, e);
        }
    }

    static boolean matches(String object, String where) {
        return QueryMatcher.matches(map(object), map(where));
    }
}
