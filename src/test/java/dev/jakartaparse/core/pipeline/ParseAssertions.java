package dev.jakartaparse.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.function.Executable;

/** Assertions on Parse's answers: the exact code and message a client would get. */
public final class ParseAssertions {
    private ParseAssertions() {}

    /** The call fails with exactly this {"code": code, "error": message}. */
    public static ParseException assertParseError(int code, String message, Executable call) {
        ParseException e = assertThrows(ParseException.class, call);
        assertEquals(code + " " + message, e.code() + " " + e.getMessage());
        return e;
    }
}
