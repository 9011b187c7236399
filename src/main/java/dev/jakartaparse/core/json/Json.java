package dev.jakartaparse.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.io.IOException;
import java.util.Map;

/**
 * The one JSON parser/serialiser of the server. Values are plain Java: Map (insertion ordered),
 * List, String, Number, Boolean, null. The mapper is immutable after construction and thread-safe.
 */
public final class Json {
    /** Deeper bodies are rejected as invalid JSON instead of risking stack exhaustion. */
    public static final int MAX_DEPTH = 256;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    /** Parses a request body; anything that is not JSON is Parse's 107 "Invalid JSON". */
    public static Object parse(byte[] body) {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (IOException e) {
            throw new ParseException(ParseError.INVALID_JSON, "Invalid JSON");
        }
    }

    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new ParseException(ParseError.INVALID_JSON, "Invalid JSON");
        }
    }

    /** Parses text that must be a JSON object, or returns null when it is not JSON at all. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObjectOrNull(byte[] body) {
        try {
            Object o = MAPPER.readValue(body, Object.class);
            return o instanceof Map ? (Map<String, Object>) o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the bytes are JSON at all (of any kind). */
    public static boolean isJson(byte[] body) {
        try {
            MAPPER.readValue(body, Object.class);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unserialisable response", e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unserialisable response", e);
        }
    }
}
