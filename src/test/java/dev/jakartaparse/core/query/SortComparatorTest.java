package dev.jakartaparse.core.query;

import static dev.jakartaparse.core.query.Json.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

class SortComparatorTest {

    private static LinkedHashMap<String, Integer> sort(Object... keysAndDirections) {
        LinkedHashMap<String, Integer> sort = new LinkedHashMap<>();
        for (int i = 0; i < keysAndDirections.length; i += 2) {
            sort.put((String) keysAndDirections[i], (Integer) keysAndDirections[i + 1]);
        }
        return sort;
    }

    /** Sorts objects given as JSON and returns their "id" fields in order. */
    private static List<Object> order(LinkedHashMap<String, Integer> sort, String... objects) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String json : objects) {
            list.add(map(json));
        }
        Collections.shuffle(list, new Random(42));
        list.sort(QueryMatcher.sortComparator(sort));
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> object : list) {
            ids.add(object.get("id"));
        }
        return ids;
    }

    @Test
    void numbersAscendingAndDescending() {
        String[] objects = {"{id: 'a', n: 3}", "{id: 'b', n: 1.5}", "{id: 'c', n: 2}", "{id: 'd', n: -10}"};
        assertEquals(List.of("d", "b", "c", "a"), order(sort("n", 1), objects));
        assertEquals(List.of("a", "c", "b", "d"), order(sort("n", -1), objects));
    }

    @Test
    void numbersAcrossJavaTypes() {
        Map<String, Object> a = new HashMap<>(Map.of("n", 3L));
        Map<String, Object> b = new HashMap<>(Map.of("n", new BigDecimal("2.5")));
        Map<String, Object> c = new HashMap<>(Map.of("n", 2));
        List<Map<String, Object>> list = new ArrayList<>(List.of(a, b, c));
        list.sort(QueryMatcher.sortComparator(sort("n", 1)));
        assertEquals(List.of(c, b, a), list);
    }

    @Test
    void bsonTypeOrder() {
        String[] objects = {
            "{id: 'date', v: {__type: 'Date', iso: '2020-01-01T00:00:00Z'}}",
            "{id: 'bool', v: true}",
            "{id: 'object', v: {x: 1}}",
            "{id: 'string', v: 'a'}",
            "{id: 'number', v: 5}",
            "{id: 'null', v: null}",
            "{id: 'missing'}",
        };
        List<Object> ids = order(sort("v", 1), objects);
        assertEquals(List.of("number", "string", "object", "bool", "date"), ids.subList(2, 7));
        assertTrue(ids.subList(0, 2).containsAll(List.of("null", "missing"))); // missing sorts as null
    }

    @Test
    void arraysSortByTheirSmallestOrLargestElement() {
        String[] objects = {"{id: 'a', v: [1, 10]}", "{id: 'b', v: 5}", "{id: 'c', v: [3, 4]}"};
        assertEquals(List.of("a", "c", "b"), order(sort("v", 1), objects));
        assertEquals(List.of("a", "b", "c"), order(sort("v", -1), objects));
    }

    @Test
    void emptyArraySortsBeforeNull() {
        assertEquals(
                List.of("empty", "null", "one"),
                order(sort("v", 1), "{id: 'one', v: 1}", "{id: 'null'}", "{id: 'empty', v: []}"));
    }

    @Test
    void stringsInBinaryOrder() {
        assertEquals(
                List.of("B", "a", "b", "é"), order(sort("id", 1), "{id: 'b'}", "{id: 'é'}", "{id: 'a'}", "{id: 'B'}"));
    }

    @Test
    void supplementaryCharactersSortAfterTheWholeBmpAsInUtf8() {
        assertEquals(
                List.of("bmp", "emoji"),
                order(sort("v", 1), "{id: 'emoji', v: '\uD83D\uDE00'}", "{id: 'bmp', v: '\uFFFD'}"));
    }

    @Test
    void nanSortsBelowOtherNumbers() {
        Map<String, Object> nan = new HashMap<>(Map.of("n", Double.NaN));
        Map<String, Object> low = new HashMap<>(Map.of("n", -1e308));
        assertTrue(QueryMatcher.sortComparator(sort("n", 1)).compare(nan, low) < 0);
    }

    @Test
    void createdAtByInstant() {
        String[] objects = {
            "{id: 'late', createdAt: '2026-11-23T10:00:00.123Z'}",
            "{id: 'early', createdAt: '2026-11-23T09:59:59.999Z'}",
            "{id: 'middle', createdAt: '2026-11-23T10:00:00.000Z'}",
        };
        assertEquals(List.of("early", "middle", "late"), order(sort("createdAt", 1), objects));
        assertEquals(List.of("late", "middle", "early"), order(sort("createdAt", -1), objects));
    }

    @Test
    void dateFieldsByInstant() {
        String[] objects = {
            "{id: 'x', d: {__type: 'Date', iso: '2021-01-01T00:00:00.000Z'}}",
            "{id: 'y', d: {__type: 'Date', iso: '2020-06-01T00:00:00.000Z'}}",
        };
        assertEquals(List.of("y", "x"), order(sort("d", 1), objects));
    }

    @Test
    void dottedKeys() {
        String[] objects = {"{id: 'a', meta: {level: 2}}", "{id: 'b', meta: {level: 1}}", "{id: 'c', meta: {}}"};
        assertEquals(List.of("c", "b", "a"), order(sort("meta.level", 1), objects));
    }

    @Test
    void laterKeysBreakTies() {
        String[] objects = {"{id: 'a', g: 1, n: 2}", "{id: 'b', g: 1, n: 1}", "{id: 'c', g: 0, n: 9}"};
        assertEquals(List.of("c", "b", "a"), order(sort("g", 1, "n", 1), objects));
        assertEquals(List.of("a", "b", "c"), order(sort("g", -1, "n", -1), objects));
        assertEquals(List.of("b", "a", "c"), order(sort("g", -1, "n", 1), objects));
    }

    @Test
    void booleansFalseFirst() {
        assertEquals(List.of("f", "t"), order(sort("v", 1), "{id: 't', v: true}", "{id: 'f', v: false}"));
    }

    @Test
    void pointersSortAsTheirStoredStrings() {
        assertEquals(
                List.of("p1", "p2"),
                order(
                        sort("o", 1),
                        "{id: 'p2', o: {__type: 'Pointer', className: 'B', objectId: 'a'}}",
                        "{id: 'p1', o: {__type: 'Pointer', className: 'A', objectId: 'z'}}"));
    }

    @Test
    void equalKeysCompareAsZero() {
        assertEquals(0, QueryMatcher.sortComparator(sort("n", 1)).compare(map("{n: 1}"), map("{n: 1.0}")));
        assertEquals(0, QueryMatcher.sortComparator(sort("$score", 1)).compare(map("{n: 1}"), map("{n: 2}")));
    }
}
