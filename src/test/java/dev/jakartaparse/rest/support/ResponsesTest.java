package dev.jakartaparse.rest.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** Error bodies follow the answering server's enableSanitizedErrorResponse, not a process-wide setting. */
class ResponsesTest {

    @Test
    void errorBodiesSanitizeAsTheServerIsConfigured() {
        ParseException denied = ParseException.sanitized(ParseError.SESSION_MISSING, "Insufficient auth.");
        assertEquals(Map.of("code", 206, "error", "Permission denied"), Responses.errorBody(denied, true));
        assertEquals(Map.of("code", 206, "error", "Insufficient auth."), Responses.errorBody(denied, false));
        ParseException plain = new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
        assertEquals(Map.of("code", 101, "error", "Object not found."), Responses.errorBody(plain, false));
    }
}
