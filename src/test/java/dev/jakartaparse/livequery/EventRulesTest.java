package dev.jakartaparse.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.Auth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventRulesTest {
    private static final Auth ANONYMOUS = Auth.anonymous(null);
    private static final Auth MASTER = Auth.masterKey();

    private static Map<String, Object> withAcl(Map<String, Object> acl) {
        return Map.of("objectId", "o1", "ACL", acl);
    }

    private static Map<String, Object> read() {
        return Map.of("read", true);
    }

    @Test
    void aclDecidesWhoReads() {
        Auth alice = Auth.user("alice", "r:a", null, id -> List.of("role:Mods"));
        assertTrue(EventRules.readable(Map.of("objectId", "o1"), ANONYMOUS), "no ACL: public");
        assertTrue(EventRules.readable(withAcl(Map.of("*", read())), ANONYMOUS));
        assertFalse(EventRules.readable(withAcl(Map.of("alice", read())), ANONYMOUS));
        assertTrue(EventRules.readable(withAcl(Map.of("alice", read())), alice));
        assertTrue(EventRules.readable(withAcl(Map.of("role:Mods", read())), alice));
        assertFalse(EventRules.readable(withAcl(Map.of("role:Admins", read())), alice));
        assertFalse(EventRules.readable(withAcl(Map.of("alice", Map.of("write", true))), alice), "write is not read");
        assertTrue(EventRules.readable(withAcl(Map.of()), MASTER));
        assertFalse(EventRules.readable(null, MASTER), "nothing to read");
    }

    @Test
    void rolesAreLoadedOnlyWhenTheAclNamesARole() {
        AtomicInteger loads = new AtomicInteger();
        Auth bob = Auth.user("bob", "r:b", null, id -> {
            loads.incrementAndGet();
            return List.of();
        });
        assertFalse(EventRules.readable(withAcl(Map.of("carol", read())), bob));
        assertEquals(0, loads.get());
        assertFalse(EventRules.readable(withAcl(Map.of("role:X", read())), bob));
        assertEquals(1, loads.get());
    }

    @Test
    void classLevelPermissionsApplyPerObject() {
        Auth alice = Auth.user("alice", "r:a", null, id -> List.of());
        Map<String, Object> pointerPerm = Map.of("find", Map.of("pointerFields", List.of("owner")));
        Map<String, Object> mine = Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "alice"));
        Map<String, Object> theirs = Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "bob"));
        assertTrue(EventRules.permitted(pointerPerm, "find", alice, mine));
        assertFalse(EventRules.permitted(pointerPerm, "find", alice, theirs));
        assertFalse(EventRules.permitted(pointerPerm, "find", ANONYMOUS, mine));
        assertTrue(EventRules.permitted(pointerPerm, "find", MASTER, theirs));

        Map<String, Object> readUserFields = Map.of("find", Map.of(), "readUserFields", List.of("editors"));
        Map<String, Object> edited = Map.of("editors", List.of(Map.of("__type", "Pointer", "className", "_User", "objectId", "alice")));
        assertTrue(EventRules.permitted(readUserFields, "find", alice, edited));

        Map<String, Object> authOnly = Map.of("find", Map.of("requiresAuthentication", true));
        assertTrue(EventRules.permitted(authOnly, "find", alice, theirs));
        assertFalse(EventRules.permitted(authOnly, "find", ANONYMOUS, theirs));
        assertTrue(EventRules.permitted(null, "find", ANONYMOUS, theirs), "no CLP: open");
        assertTrue(EventRules.permitted(Map.of("find", Map.of("*", true)), "find", ANONYMOUS, theirs));
        assertFalse(EventRules.permitted(Map.of("find", Map.of()), "find", alice, theirs));
    }

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
        assertTrue(EventRules.watchedFieldChanged(List.of("a"), Map.of("a", 1), null), "a new object changes everything");
    }
}
