package dev.jakartaparse.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.core.classes.InstallationRules;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

class AccessControlTest {
    private static final Auth ANONYMOUS = Auth.anonymous(null);
    private static final Auth ALICE = Auth.user("alice", "r:t", null, id -> List.of("role:Mods"));

    private static ClassSchema schema(Map<String, Object> clp) {
        Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.defaultFields());
        fields.put("owner", FieldType.pointer("_User"));
        fields.put("editors", FieldType.ARRAY);
        return new ClassSchema("Doc", fields, clp, null);
    }

    private static int code(Runnable r) {
        return assertThrows(ParseException.class, r::run).code();
    }

    @Test
    void operationPermissionsByPublicUserAndRole() {
        ClassSchema s = schema(Map.of(
                "find",
                Map.of("role:Mods", true),
                "get",
                Map.of("alice", true),
                "create",
                Map.of("requiresAuthentication", true),
                "delete",
                Map.of()));
        AccessControl.requirePermission(s, "find", ALICE, null);
        AccessControl.requirePermission(s, "get", ALICE, null);
        AccessControl.requirePermission(s, "create", ALICE, null);
        AccessControl.requirePermission(s, "update", ANONYMOUS, null); // no rule: public
        assertEquals(119, code(() -> AccessControl.requirePermission(s, "find", ANONYMOUS, null)));
        assertEquals(101, code(() -> AccessControl.requirePermission(s, "create", ANONYMOUS, null)));
        assertEquals(119, code(() -> AccessControl.requirePermission(s, "delete", ALICE, null)));
        AccessControl.requirePermission(s, "delete", Auth.masterKey(), null);
    }

    @Test
    void pointerPermissionsNarrowTheQueryToTheUser() {
        ClassSchema s = schema(Map.of("find", Map.of(), "readUserFields", List.of("owner", "editors")));
        Map<String, Object> where = Map.of("title", "x");
        Map<String, Object> narrowed = AccessControl.addPointerPermissions(s, "find", where, ALICE);
        Map<String, Object> user = AccessControl.userPointer("alice");
        assertEquals(
                Map.of(
                        "$and",
                        List.of(
                                where,
                                Map.of(
                                        "$or",
                                        List.of(
                                                Map.of("owner", user),
                                                Map.of("editors", Map.of("$all", List.of(user))))))),
                narrowed);
        assertNull(AccessControl.addPointerPermissions(s, "find", where, ANONYMOUS), "no user, no objects");
        ClassSchema open = schema(null);
        assertSame(where, AccessControl.addPointerPermissions(open, "find", where, ANONYMOUS));
    }

    @Test
    void aclConstraintsIncludePublicAndMissingPermissions() {
        Map<String, Object> read = AccessControl.addReadAcl(Map.of(), ALICE.aclGroup());
        assertEquals(Map.of("$in", Arrays.asList(null, "*", "alice", "role:Mods")), read.get("_rperm"));
        Map<String, Object> write = AccessControl.addWriteAcl(Map.of(), ANONYMOUS.aclGroup());
        assertEquals(Map.of("$in", Arrays.asList(null, "*")), write.get("_wperm"));
    }

    @Test
    void protectedFieldsIntersectEveryRuleThatApplies() {
        Map<String, List<String>> rules = Map.of(
                "*",
                List.of("email", "phone", "secret"),
                "authenticated",
                List.of("email", "secret"),
                "role:Mods",
                List.of("secret"));
        assertEquals(Set.of("email", "phone", "secret"), AccessControl.protectedFields(rules, ANONYMOUS));
        assertEquals(Set.of("secret"), AccessControl.protectedFields(rules, ALICE));
        assertNull(AccessControl.protectedFields(rules, Auth.masterKey()));

        Map<String, List<String>> byOwner = Map.of("*", List.of("secret"), "userField:owner", List.of());
        Map<String, Object> own = Map.of("owner", AccessControl.userPointer("alice"));
        assertEquals(Set.of(), AccessControl.protectedFieldsFor(own, Set.of("secret"), byOwner, ALICE));
        Map<String, Object> other = Map.of("owner", AccessControl.userPointer("bob"));
        assertEquals(Set.of("secret"), AccessControl.protectedFieldsFor(other, Set.of("secret"), byOwner, ALICE));
    }

    @Test
    void protectedFieldsCannotBeQueriedOrSortedOnAtAnyDepth() {
        Set<String> hidden = Set.of("secret");
        assertEquals(119, code(() -> AccessControl.denyProtectedFields(Map.of("secret", 1), List.of(), hidden, "Doc")));
        assertEquals(
                119,
                code(() -> AccessControl.denyProtectedFields(
                        Map.of("$or", List.of(Map.of("a", 1), Map.of("$and", List.of(Map.of("secret.x", 1))))),
                        List.of(),
                        hidden,
                        "Doc")));
        assertEquals(119, code(() -> AccessControl.denyProtectedFields(Map.of(), List.of("-secret"), hidden, "Doc")));
        assertEquals(
                102, code(() -> AccessControl.denyProtectedFields(Map.of("$or", Map.of()), List.of(), hidden, "Doc")));
        AccessControl.denyProtectedFields(Map.of("title", "x"), List.of("title"), hidden, "Doc");
    }

    @Test
    void clientsStayOutOfInternalClasses() {
        assertEquals(119, code(() -> AccessControl.enforceClassAccess("find", "_Join:users:_Role", ALICE)));
        assertEquals(119, code(() -> AccessControl.enforceClassAccess("get", "_GlobalConfig", ANONYMOUS)));
        ClassRules installations = new InstallationRules(null, null, null); // refusals need no store
        assertEquals(119, code(() -> WriteGuard.checkClassAccess("_Installation", "find", ANONYMOUS, installations)));
        assertEquals(119, code(() -> WriteGuard.checkClassAccess("_Installation", "delete", ALICE, installations)));
        assertEquals(119, code(() -> AccessControl.enforceClassAccess("update", "Doc", Auth.readOnlyMasterKey(null))));
        WriteGuard.checkClassAccess("_Installation", "get", ANONYMOUS, installations);
        WriteGuard.checkClassAccess("_Installation", "find", Auth.masterKey(), installations);
        AccessControl.enforceClassAccess("find", "_Join:users:_Role", Auth.masterKey());
    }
}
