package dev.jakartaparse.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.config.RequestComplexity;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class ComplexityLimitsTest {
    private static final RequestComplexity LIMITS = new RequestComplexity(1, 1, 2, 3, false);

    @Test
    void logicalOperatorsCountEvenUnderFieldOperators() {
        Map<String, Object> one = Map.of("$or", List.of(Map.of("a", 1)));
        assertDoesNotThrow(() -> ComplexityLimits.checkWhere(one, LIMITS));
        Map<String, Object> hidden =
                Map.of("a", Map.of("$elemMatch", Map.of("$or", List.of(Map.of("$and", List.of(Map.of("b", 1)))))));
        ParseException e = assertThrows(ParseException.class, () -> ComplexityLimits.checkWhere(hidden, LIMITS));
        assertEquals("Query condition nesting depth exceeds maximum allowed depth of 1", e.getMessage());
    }

    @Test
    void regexIsRefusedAtTheTopAndInsideLogicalBranches() {
        RequestComplexity regexOnly = new RequestComplexity(-1, -1, -1, -1, false);
        for (Map<String, Object> where : List.<Map<String, Object>>of(
                Map.of("a", Map.of("$regex", "x")), Map.of("$or", List.of(Map.of("a", Map.of("$regex", "x")))))) {
            assertEquals(
                    "$regex operator is not allowed",
                    assertThrows(ParseException.class, () -> ComplexityLimits.checkWhere(where, regexOnly))
                            .getMessage());
        }
        assertDoesNotThrow(
                () -> ComplexityLimits.checkWhere(Map.of("a", Map.of("$regex", "x")), RequestComplexity.NONE));
    }

    @Test
    void subqueriesNestThroughInQueryAndSelect() {
        Map<String, Object> inner = Map.of("p", Map.of("$inQuery", Map.of("className", "A", "where", Map.of("n", 1))));
        Map<String, Object> twoDeep =
                Map.of("q", Map.of("$select", Map.of("key", "k", "query", Map.of("className", "B", "where", inner))));
        RequestComplexity subqueries = new RequestComplexity(-1, 1, -1, -1, true);
        assertDoesNotThrow(() -> ComplexityLimits.checkWhere(inner, subqueries));
        assertEquals(
                "Subquery nesting depth exceeds maximum allowed depth of 1",
                assertThrows(ParseException.class, () -> ComplexityLimits.checkWhere(twoDeep, subqueries))
                        .getMessage());
    }

    @Test
    void includePathsCountTheirPrefixes() {
        assertDoesNotThrow(() -> ComplexityLimits.checkInclude(List.of("a.b", "a"), LIMITS));
        assertEquals(
                "Number of include fields (4) exceeds maximum allowed (3)",
                assertThrows(ParseException.class, () -> ComplexityLimits.checkInclude(List.of("a.b", "c.d"), LIMITS))
                        .getMessage());
        assertEquals(
                "Include depth of 3 exceeds maximum allowed depth of 2",
                assertThrows(ParseException.class, () -> ComplexityLimits.checkInclude(List.of("a.b.c"), LIMITS))
                        .getMessage());
    }
}
