package dev.jakartaparse.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jakartaparse.core.json.Json;
import org.junit.jupiter.api.Test;

/** The messages are those of Parse Server's JSON-schema validation of LiveQuery frames. */
class FrameValidatorTest {
    private static String check(String json) {
        return FrameValidator.validate(Json.parse(json));
    }

    @Test
    void wellFormedFramesPass() {
        assertNull(check(
                "{\"op\":\"connect\",\"applicationId\":\"a\",\"sessionToken\":\"r:x\",\"installationId\":\"i\"}"));
        assertNull(
                check(
                        "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\",\"where\":{},\"keys\":[\"x\"],\"watch\":[\"y\"]},\"sessionToken\":\"r:x\"}"));
        assertNull(check("{\"op\":\"update\",\"requestId\":2,\"query\":{\"className\":\"A\",\"where\":{\"a\":1}}}"));
        assertNull(check("{\"op\":\"unsubscribe\",\"requestId\":2}"));
        assertNull(check("{\"op\":\"query\",\"requestId\":2}"));
    }

    @Test
    void malformedFramesGetParsesMessages() {
        assertEquals("Invalid type: array (expected object)", check("[1]"));
        assertEquals("Missing required property: op", check("{\"foo\":1}"));
        assertEquals("Invalid type: number (expected string)", check("{\"op\":3}"));
        assertEquals("No enum match for: \"bogus\"", check("{\"op\":\"bogus\"}"));
        assertEquals("Missing required property: applicationId", check("{\"op\":\"connect\"}"));
        assertEquals(
                "Additional properties not allowed", check("{\"op\":\"connect\",\"applicationId\":\"a\",\"x\":1}"));
        assertEquals("Invalid type: number (expected string)", check("{\"op\":\"connect\",\"applicationId\":1}"));
        assertEquals("Missing required property: requestId", check("{\"op\":\"subscribe\",\"query\":{}}"));
        assertEquals(
                "Invalid type: string (expected number)",
                check("{\"op\":\"subscribe\",\"requestId\":\"x\",\"query\":{\"className\":\"A\",\"where\":{}}}"));
        assertEquals(
                "Missing required property: where",
                check("{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\"}}"));
        assertEquals(
                "Invalid type: array (expected object)",
                check("{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\",\"where\":[]}}"));
        assertEquals(
                "Array is too short (0), minimum 1",
                check(
                        "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\",\"where\":{},\"keys\":[]}}"));
        assertEquals(
                "Array items are not unique (indices 0 and 1)",
                check(
                        "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\",\"where\":{},\"watch\":[\"a\",\"a\"]}}"));
        assertEquals(
                "Additional properties not allowed",
                check(
                        "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"A\",\"where\":{},\"limit\":1}}"));
        assertEquals(
                "Additional properties not allowed", check("{\"op\":\"unsubscribe\",\"requestId\":1,\"query\":{}}"));
        assertEquals("Missing required property: requestId", check("{\"op\":\"query\"}"));
        assertEquals("Invalid type: string (expected number)", check("{\"op\":\"query\",\"requestId\":\"1\"}"));
        assertEquals("Additional properties not allowed", check("{\"op\":\"query\",\"requestId\":1,\"where\":{}}"));
    }
}
