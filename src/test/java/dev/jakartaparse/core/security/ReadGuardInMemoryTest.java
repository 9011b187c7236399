package dev.jakartaparse.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.Auth;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

class ReadGuardInMemoryTest {
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
        assertTrue(ReadGuard.readableByAcl(Map.of("objectId", "o1"), ANONYMOUS), "no ACL: public");
        assertTrue(ReadGuard.readableByAcl(withAcl(Map.of("*", read())), ANONYMOUS));
        assertFalse(ReadGuard.readableByAcl(withAcl(Map.of("alice", read())), ANONYMOUS));
        assertTrue(ReadGuard.readableByAcl(withAcl(Map.of("alice", read())), alice));
        assertTrue(ReadGuard.readableByAcl(withAcl(Map.of("role:Mods", read())), alice));
        assertFalse(ReadGuard.readableByAcl(withAcl(Map.of("role:Admins", read())), alice));
        assertFalse(
                ReadGuard.readableByAcl(withAcl(Map.of("alice", Map.of("write", true))), alice), "write is not read");
        assertTrue(ReadGuard.readableByAcl(withAcl(Map.of()), MASTER));
        assertFalse(ReadGuard.readableByAcl(null, MASTER), "nothing to read");
    }

    @Test
    void rolesAreLoadedOnlyWhenTheAclNamesARole() {
        AtomicInteger loads = new AtomicInteger();
        Auth bob = Auth.user("bob", "r:b", null, id -> {
            loads.incrementAndGet();
            return List.of();
        });
        assertFalse(ReadGuard.readableByAcl(withAcl(Map.of("carol", read())), bob));
        assertEquals(0, loads.get());
        assertFalse(ReadGuard.readableByAcl(withAcl(Map.of("role:X", read())), bob));
        assertEquals(1, loads.get());
    }

    @Test
    void classLevelPermissionsApplyPerObject() {
        Auth alice = Auth.user("alice", "r:a", null, id -> List.of());
        Map<String, Object> pointerPerm = Map.of("find", Map.of("pointerFields", List.of("owner")));
        Map<String, Object> mine =
                Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "alice"));
        Map<String, Object> theirs =
                Map.of("owner", Map.of("__type", "Pointer", "className", "_User", "objectId", "bob"));
        assertTrue(ReadGuard.permitted(pointerPerm, "find", alice, mine));
        assertFalse(ReadGuard.permitted(pointerPerm, "find", alice, theirs));
        assertFalse(ReadGuard.permitted(pointerPerm, "find", ANONYMOUS, mine));
        assertTrue(ReadGuard.permitted(pointerPerm, "find", MASTER, theirs));

        Map<String, Object> readUserFields = Map.of("find", Map.of(), "readUserFields", List.of("editors"));
        Map<String, Object> edited =
                Map.of("editors", List.of(Map.of("__type", "Pointer", "className", "_User", "objectId", "alice")));
        assertTrue(ReadGuard.permitted(readUserFields, "find", alice, edited));

        Map<String, Object> authOnly = Map.of("find", Map.of("requiresAuthentication", true));
        assertTrue(ReadGuard.permitted(authOnly, "find", alice, theirs));
        assertFalse(ReadGuard.permitted(authOnly, "find", ANONYMOUS, theirs));
        assertTrue(ReadGuard.permitted(null, "find", ANONYMOUS, theirs), "no CLP: open");
        assertTrue(ReadGuard.permitted(Map.of("find", Map.of("*", true)), "find", ANONYMOUS, theirs));
        assertFalse(ReadGuard.permitted(Map.of("find", Map.of()), "find", alice, theirs));
    }
}
