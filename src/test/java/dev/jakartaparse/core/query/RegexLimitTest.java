package dev.jakartaparse.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class RegexLimitTest {
    /** Backtracks for seconds on "a" x 30 + "b" without a limit (2.5 s at 28 characters). */
    private static final Map<String, Object> RUNAWAY = Map.of("name", Map.of("$regex", "(.*a){12}$"));

    private static final Map<String, Object> RUNAWAY_TEXT = Map.of("name", "a".repeat(30) + "b");

    @Test
    void eachMatchEndsARunawayTestAsNoMatch() {
        CompiledQuery query = QueryMatcher.compile(RUNAWAY, RegexLimit.eachMatch(100));
        long start = System.nanoTime();
        assertFalse(query.matches(RUNAWAY_TEXT));
        assertFalse(query.matches(RUNAWAY_TEXT), "the limit holds for every test, not once");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "took " + millis + " ms");
    }

    @Test
    void perQueryFailsTheQueryWith124OnceItsTimeIsSpent() {
        CompiledQuery query = QueryMatcher.compile(RUNAWAY, RegexLimit.perQuery(200));
        long start = System.nanoTime();
        ParseException e = assertThrows(ParseException.class, () -> {
            for (int i = 0; i < 100; i++) {
                query.matches(RUNAWAY_TEXT);
            }
        });
        assertEquals(ParseError.TIMEOUT, e.code());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "took " + millis + " ms");
    }

    @Test
    void ordinaryRegexesAnswerAsWithoutALimit() {
        List<Map<String, Object>> objects = strings(2_000);
        for (Map<String, Object> where : List.<Map<String, Object>>of(
                Map.of("name", Map.of("$regex", "smith", "$options", "i")),
                Map.of("name", Map.of("$regex", "^\\Quser1\\E")),
                Map.of("tags", Map.of("$all", List.of(Map.of("$regex", "^t1"), Map.of("$regex", "^t2")))),
                Map.of("$or", List.of(Map.of("name", Map.of("$regex", "9$")), Map.of("name", "x"))))) {
            CompiledQuery plain = QueryMatcher.compile(where);
            CompiledQuery each = QueryMatcher.compile(where, RegexLimit.eachMatch(100));
            CompiledQuery whole = QueryMatcher.compile(where, RegexLimit.perQuery(500));
            for (Map<String, Object> o : objects) {
                assertEquals(plain.matches(o), each.matches(o), where + " " + o);
                assertEquals(plain.matches(o), whole.matches(o), where + " " + o);
            }
        }
    }

    /**
     * Not a check, a measure (printed): a common regex over 10,000 strings, without a limit and
     * with each kind, best of several rounds.
     */
    @Test
    void costOfTheLimitOnAnOrdinaryRegex() {
        List<Map<String, Object>> objects = strings(10_000);
        Map<String, Object> where = Map.of("name", Map.of("$regex", "smith", "$options", "i"));
        best(QueryMatcher.compile(where), objects); // warms the matcher up; each kind is measured twice
        long each = best(QueryMatcher.compile(where, RegexLimit.eachMatch(100)), objects);
        long whole = best(QueryMatcher.compile(where, RegexLimit.perQuery(500)), objects);
        long none = best(QueryMatcher.compile(where), objects);
        each = Math.min(each, best(QueryMatcher.compile(where, RegexLimit.eachMatch(100)), objects));
        whole = Math.min(whole, best(QueryMatcher.compile(where, RegexLimit.perQuery(500)), objects));
        System.out.printf(
                "regex over 10k strings: no limit %d us, eachMatch %d us, perQuery %d us%n",
                none / 1000, each / 1000, whole / 1000);
    }

    private static long best(CompiledQuery query, List<Map<String, Object>> objects) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            long start = System.nanoTime();
            int n = 0;
            for (Map<String, Object> o : objects) {
                n += query.matches(o) ? 1 : 0;
            }
            best = Math.min(best, System.nanoTime() - start);
            assertTrue(n > 0);
        }
        return best;
    }

    private static List<Map<String, Object>> strings(int count) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "user" + i + (i % 7 == 0 ? " John Smith" : " Jane Doe") + " of street " + (i * 31 % 1000);
            out.add(Map.of("name", name, "tags", List.of("t" + (i % 3), "t" + (i % 5))));
        }
        return out;
    }
}
