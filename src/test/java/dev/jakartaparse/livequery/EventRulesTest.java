package dev.jakartaparse.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class EventRulesTest {
    @Test
    void eventKindFollowsVisibilityBeforeAndAfter() {
        assertEquals("update", EventRules.kind(true, true, false));
        assertEquals("leave", EventRules.kind(true, false, false));
        assertEquals("enter", EventRules.kind(false, true, false));
        assertEquals("create", EventRules.kind(false, true, true));
        assertNull(EventRules.kind(false, false, false));
    }

    @Test
    void watchSendsOnlyWhenAWatchedFieldChanged() {
        Map<String, Object> before = Map.of("a", 1, "b", 1);
        assertTrue(EventRules.watchedFieldChanged(null, Map.of("a", 1), before));
        assertFalse(EventRules.watchedFieldChanged(List.of("a"), Map.of("a", 1, "b", 2), before));
        assertTrue(EventRules.watchedFieldChanged(List.of("a", "b"), Map.of("a", 1, "b", 2), before));
        assertTrue(
                EventRules.watchedFieldChanged(List.of("a"), Map.of("a", 1), null), "a new object changes everything");
    }
}
