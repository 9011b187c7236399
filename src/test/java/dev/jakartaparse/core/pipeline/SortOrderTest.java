package dev.jakartaparse.core.pipeline;

import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order parameter, judged as Parse Server's DatabaseController judges a sort. */
class SortOrderTest {
    private static final Map<String, Object> TEXT = Map.of("s", Map.of("$text", Map.of("$search", Map.of())));

    private static LinkedHashMap<String, Integer> sort(Map<String, Object> where, String... order) {
        return SortOrder.of("Thing", List.of(order), where);
    }

    @Test
    void internalColumnsAreNoFieldNames() {
        for (String f : List.of("_password", "_hashed_password", "_rperm", "_session_token", "_id", "_p.x")) {
            assertParseError(ParseError.INVALID_KEY_NAME, "Invalid field name: " + f + ".", () -> sort(Map.of(), f));
            assertParseError(
                    ParseError.INVALID_KEY_NAME, "Invalid field name: " + f + ".", () -> sort(Map.of(), "-" + f));
        }
        assertParseError(
                ParseError.INVALID_KEY_NAME, "Invalid field name: className.", () -> sort(Map.of(), "className"));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Cannot sort by authData.facebook.id",
                () -> sort(Map.of(), "authData.facebook.id"));
    }

    @Test
    void fieldsKeepTheirOrderAndDirection() {
        assertEquals(new LinkedHashMap<>(Map.of("createdAt", -1)), sort(Map.of(), "-_created_at"));
        LinkedHashMap<String, Integer> s = sort(Map.of(), "b", "-a.x", "_updated_at");
        assertEquals(List.of("b", "a.x", "updatedAt"), List.copyOf(s.keySet()));
        assertEquals(List.of(1, -1, 1), List.copyOf(s.values()));
    }

    @Test
    void scoreSortsHighestFirstAndOnlyWithText() {
        assertEquals(Map.of("$score", -1), sort(TEXT, "$score"));
        assertEquals(Map.of("$score", -1), sort(TEXT, "-$score"));
        assertEquals(Map.of("a", 1), sort(Map.of(), "$score", "a"));
        assertEquals(true, SortOrder.hasText(Map.of("$and", List.of(TEXT))));
    }
}
