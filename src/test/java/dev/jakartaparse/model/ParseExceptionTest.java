package dev.jakartaparse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A sanitized error carries both messages; whoever answers the client picks one (no process-wide switch). */
class ParseExceptionTest {

    @Test
    void sanitizedErrorsShowTheDetailOnlyWhenSanitizingIsOff() {
        ParseException e = ParseException.sanitized(
                ParseError.OPERATION_FORBIDDEN, "Permission denied for action find on class Secret.");
        assertEquals("Permission denied", e.getMessage());
        assertEquals("Permission denied", e.clientMessage(true));
        assertEquals("Permission denied for action find on class Secret.", e.clientMessage(false));
        assertEquals(ParseError.OPERATION_FORBIDDEN, e.code());
        assertEquals(400, e.httpStatus());
        assertEquals(
                404,
                ParseException.sanitized(ParseError.OBJECT_NOT_FOUND, "Object not found.")
                        .httpStatus());
    }

    @Test
    void otherErrorsSayTheSameEitherWay() {
        ParseException e = new ParseException(ParseError.INVALID_QUERY, "bad constraint: $foo");
        assertEquals("bad constraint: $foo", e.clientMessage(true));
        assertEquals("bad constraint: $foo", e.clientMessage(false));
    }
}
