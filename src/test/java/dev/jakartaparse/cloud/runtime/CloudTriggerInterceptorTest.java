package dev.jakartaparse.cloud.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a beforeSave sees on an update: the stored object with the request's changes applied. */
class CloudTriggerInterceptorTest {

    @Test
    void appliesPlainValuesAndOperations() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("score", 5);
        stored.put("ratio", 1.5);
        stored.put("tags", List.of("a", "b"));
        stored.put("gone", "x");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("score", Map.of("__op", "Increment", "amount", 3));
        changes.put("ratio", Map.of("__op", "Increment", "amount", 1));
        changes.put("tags", Map.of("__op", "AddUnique", "objects", List.of("b", "c")));
        changes.put("gone", Map.of("__op", "Delete"));
        changes.put("name", "new");
        changes.put("fresh", Map.of("__op", "Add", "objects", List.of(1)));
        changes.put("rel", Map.of("__op", "AddRelation", "objects", List.of()));
        Map<String, Object> result = CloudTriggerInterceptor.applyChanges(stored, changes);
        assertEquals(8L, result.get("score"));
        assertEquals(2.5, result.get("ratio"));
        assertEquals(List.of("a", "b", "c"), result.get("tags"));
        assertEquals(false, result.containsKey("gone"));
        assertEquals("new", result.get("name"));
        assertEquals(List.of(1), result.get("fresh"));
        assertEquals(false, result.containsKey("rel"));
        assertEquals(5, stored.get("score"), "the stored object is not touched");
    }

    @Test
    void removeTakesEveryOccurrenceAway() {
        Map<String, Object> result = CloudTriggerInterceptor.applyChanges(
                Map.of("t", List.of("a", "b", "a")), Map.of("t", Map.of("__op", "Remove", "objects", List.of("a"))));
        assertEquals(List.of("b"), result.get("t"));
    }
}
