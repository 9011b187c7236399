package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.Role;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class-level permissions through the pipelines, on every operation: who is granted (public, a
 * user, a role, a parent role), requiresAuthentication, and the sanitized answers Parse gives.
 */
class ClassLevelPermissionsTest {
    private static final String DENIED = "Permission denied";

    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice");
        bob = middle.signUp("bob");
    }

    /**
     * Refused with Parse's sanitized answer; with enableSanitizedErrorResponse false the client gets
     * Parse Server's detail, word for word: "Permission denied for action X on class Y."
     */
    private static void denied(int code, String action, String cls, Executable call) {
        ParseException e = assertParseError(code, DENIED, call);
        assertEquals("Permission denied for action " + action + " on class " + cls + ".", e.clientMessage(false));
    }

    @Test
    void eachOperationHasItsOwnPermission() {
        String cls = middle.createClass("Clp", null);
        String seed = middle.master().create(cls, json("{name: 'seed', secret: 's3'}"));
        middle.setClassLevelPermissions(
                cls,
                json(
                        "{find: {'%s': true}, count: {}, get: {'*': true},"
                                + " create: {requiresAuthentication: true}, update: {}, delete: {}, addField: {},"
                                + " protectedFields: {'*': ['secret']}}",
                        alice.id()));

        denied(
                ParseError.OPERATION_FORBIDDEN,
                "find",
                cls,
                () -> middle.anonymous().find(cls, Map.of()));
        List<Map<String, Object>> found = alice.caller().find(cls, Map.of());
        assertEquals(1, found.size());
        assertFalse(found.get(0).containsKey("secret"), "protected field hidden");
        denied(
                ParseError.OPERATION_FORBIDDEN,
                "count",
                cls,
                () -> alice.caller().count(cls, Map.of()));
        denied(
                ParseError.OPERATION_FORBIDDEN,
                "count",
                cls,
                () -> alice.caller().findResponse(cls, Map.of(), Map.of("count", 1)));
        assertEquals("seed", middle.anonymous().get(cls, seed).get("name"));

        ParseException anonymous = assertParseError(
                ParseError.OBJECT_NOT_FOUND, DENIED, () -> middle.anonymous().create(cls, json("{name: 'x'}")));
        assertEquals("Permission denied, user needs to be authenticated.", anonymous.clientMessage(false));
        bob.caller().create(cls, json("{name: 'x'}"));
        denied(
                ParseError.OPERATION_FORBIDDEN,
                "addField",
                cls,
                () -> bob.caller().create(cls, json("{name: 'y', brandNew: 1}")));
        assertNull(middle.schemas().find(cls).orElseThrow().field("brandNew"), "a refused write adds no field");
        denied(
                ParseError.OPERATION_FORBIDDEN,
                "update",
                cls,
                () -> alice.caller().update(cls, seed, json("{name: 'z'}")));
        denied(
                ParseError.OPERATION_FORBIDDEN,
                "delete",
                cls,
                () -> alice.caller().delete(cls, seed));
        assertEquals("seed", middle.master().get(cls, seed).get("name"));
    }

    @Test
    void anOperationThePermissionsDoNotNameIsClosedToClients() {
        // Stored permissions are merged over empty ones, as Parse Server's Mongo adapter does.
        String cls = middle.createClass("Clp", json("{find: {'*': true}}"));
        String id = middle.master().create(cls, json("{n: 1}"));
        assertEquals(Set.of(id), bob.caller().ids(cls, Map.of()));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> bob.caller().get(cls, id));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> bob.caller().create(cls, json("{n: 2}")));
    }

    @Test
    void aFindOfOneObjectIdIsAGet() {
        String cls = middle.createClass("Clp", json("{find: {}, get: {'*': true}}"));
        String id = middle.master().create(cls, json("{n: 1}"));
        assertEquals(Set.of(id), bob.caller().ids(cls, json("{objectId: '%s'}", id)));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> bob.caller().find(cls, json("{objectId: '%s', n: 1}", id)));
    }

    @Test
    void rolesAndTheirParentsAreGranted() {
        User carol = middle.signUp("carol");
        Role mods = middle.createRole("Mods", List.of(alice), List.of());
        Role admins = middle.createRole("Admins", List.of(carol), List.of(mods));
        String cls = middle.createClass(
                "Clp",
                json(
                        "{find: {'%s': true}, get: {'%s': true}, update: {'%s': true},"
                                + " create: {'*': true}, delete: {}}",
                        mods.aclKey(), admins.aclKey(), admins.aclKey()));
        String id = middle.master().create(cls, json("{n: 1}"));

        assertEquals(Set.of(id), alice.caller().ids(cls, Map.of()));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> carol.caller().find(cls, Map.of()));
        assertEquals(1, carol.caller().get(cls, id).get("n"));
        assertEquals(1, alice.caller().get(cls, id).get("n"), "a Mod is an Admin");
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> bob.caller().get(cls, id));
        alice.caller().update(cls, id, json("{n: 2}"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> bob.caller().update(cls, id, json("{n: 3}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> carol.caller().delete(cls, id));
    }

    @Test
    void requiresAuthenticationLetsAnyUserInAndStillAppliesAcls() {
        String cls = middle.createClass(
                "Clp",
                json("{find: {requiresAuthentication: true},"
                        + " get: {requiresAuthentication: true}, create: {'*': true}}"));
        String open = middle.master().create(cls, json("{n: 1}"));
        String alices = middle.master().create(cls, json("{n: 2, ACL: {'%s': {read: true}}}", alice.id()));

        assertParseError(
                ParseError.OBJECT_NOT_FOUND, DENIED, () -> middle.anonymous().find(cls, Map.of()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND, DENIED, () -> middle.anonymous().get(cls, open));
        assertEquals(Set.of(open), bob.caller().ids(cls, Map.of()));
        assertEquals(Set.of(open, alices), alice.caller().ids(cls, Map.of()));
    }

    @Test
    void addingAFieldNeedsTheAddFieldPermissionOnUpdatesToo() {
        String cls = middle.createClass(
                "Clp",
                json("{name: {type: 'String'}}"),
                json(
                        "{find: {'*': true},"
                                + " get: {'*': true}, create: {'*': true}, update: {'*': true}, addField: {'%s': true}}",
                        alice.id()));
        String id = bob.caller().create(cls, json("{name: 'b'}"));
        bob.caller().update(cls, id, json("{name: 'b2'}"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> bob.caller().update(cls, id, json("{extra: 1}")));
        alice.caller().update(cls, id, json("{extra: 1}"));
        bob.caller().update(cls, id, json("{extra: 2}"));
        assertEquals(2, middle.anonymous().get(cls, id).get("extra"));
    }

    @Test
    void aPermittedDeleteStillNeedsTheAclsWriteAccess() {
        String cls = middle.createClass("Clp", json("{delete: {'%s': true}}", bob.id()));
        String id = middle.master().create(cls, json("{ACL: {'*': {read: true}, '%s': {write: true}}}", alice.id()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().delete(cls, id));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().delete(cls, id));
        middle.master().delete(cls, id);
    }

    @Test
    void clientsCannotCreateOrQueryClassesThatDoNotExist() {
        String cls = middle.newClassName("Missing");
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().create(cls, json("{n: 1}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().find(cls, Map.of()));
        assertEquals(Set.of(), middle.master().ids(cls, Map.of()));
        middle.master().create(cls, json("{n: 1}"));
        alice.caller().create(cls, json("{n: 2}"));
    }
}
