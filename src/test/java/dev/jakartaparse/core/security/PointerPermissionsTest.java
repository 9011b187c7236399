package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Set;

/** Pointer permissions: readUserFields, writeUserFields and an operation's pointerFields. */
class PointerPermissionsTest {
    private static final String OWNER_FIELD = "{owner: {type: 'Pointer', targetClass: '_User'}}";

    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice");
        bob = middle.signUp("bob");
    }

    private static Map<String, Object> ownedBy(User user, String label) {
        return json("{label: '%s', owner: {__type: 'Pointer', className: '_User', objectId: '%s'}}", label, user.id());
    }

    @Test
    void readAndWriteUserFieldsLimitUsersToTheirOwnObjects() {
        String cls = middle.createClass(
                "Owned",
                json(OWNER_FIELD),
                json("{find: {}, get: {}, count: {},"
                        + " create: {'*': true}, update: {}, delete: {}, addField: {},"
                        + " readUserFields: ['owner'], writeUserFields: ['owner']}"));
        String mine = middle.master().create(cls, ownedBy(alice, "alice"));
        String theirs = middle.master().create(cls, ownedBy(bob, "bob"));

        assertEquals(Set.of(mine), alice.caller().ids(cls, Map.of()));
        assertEquals(1, alice.caller().count(cls, Map.of()));
        assertEquals(Set.of(), alice.caller().ids(cls, json("{label: 'bob'}")));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().get(cls, theirs));
        assertEquals(Set.of(), middle.anonymous().ids(cls, Map.of()), "no user, nothing to point at");
        assertEquals(0, middle.anonymous().count(cls, Map.of()));

        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().update(cls, theirs, json("{label: 'x'}")));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().delete(cls, theirs));
        alice.caller().update(cls, mine, json("{label: 'alice2'}"));
        bob.caller().delete(cls, theirs);
        assertEquals(Set.of(mine), middle.master().ids(cls, Map.of()));
    }

    @Test
    void writeUserFieldsLockCreationToTheMasterKey() {
        String cls = middle.createClass("Owned", json(OWNER_FIELD), json("{create: {}, writeUserFields: ['owner']}"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                "Permission denied",
                () -> alice.caller().create(cls, ownedBy(alice, "mine")));
        middle.master().create(cls, ownedBy(alice, "mine"));
    }

    @Test
    void anArrayOfUsersGrantsEachOfThem() {
        String cls = middle.createClass(
                "Shared", json("{editors: {type: 'Array'}}"), json("{find: {}, get: {}, readUserFields: ['editors']}"));
        User carol = middle.signUp("carol");
        String shared = middle.master()
                .create(
                        cls,
                        json(
                                "{editors: [{__type: 'Pointer', className: '_User', objectId: '%s'},"
                                        + " {__type: 'Pointer', className: '_User', objectId: '%s'}]}",
                                alice.id(), bob.id()));
        assertEquals(Set.of(shared), alice.caller().ids(cls, Map.of()));
        assertEquals(Set.of(shared), bob.caller().ids(cls, Map.of()));
        assertEquals(Set.of(), carol.caller().ids(cls, Map.of()));
    }

    @Test
    void pointerFieldsOfOneOperationLeaveTheOthersAlone() {
        String cls = middle.createClass(
                "Owned",
                json(OWNER_FIELD),
                json("{find: {pointerFields: ['owner']}, get: {'*': true}, update: {pointerFields: ['owner']}}"));
        String mine = middle.master().create(cls, ownedBy(alice, "alice"));
        String theirs = middle.master().create(cls, ownedBy(bob, "bob"));
        assertEquals(Set.of(mine), alice.caller().ids(cls, Map.of()));
        assertEquals("bob", alice.caller().get(cls, theirs).get("label"), "get is public");
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().update(cls, theirs, json("{label: 'x'}")));
        alice.caller().update(cls, mine, json("{label: 'a2'}"));
    }

    @Test
    void aPointerPermissionDoesNotOverrideTheAcl() {
        String cls = middle.createClass("Owned", json(OWNER_FIELD), json("{find: {}, readUserFields: ['owner']}"));
        Map<String, Object> object = ownedBy(alice, "private to bob");
        object.put("ACL", json("{'%s': {read: true}}", bob.id()));
        middle.master().create(cls, object);
        assertEquals(Set.of(), alice.caller().ids(cls, Map.of()));
        assertEquals(Set.of(), bob.caller().ids(cls, Map.of()), "bob is not the owner");
    }

    @Test
    void aUserGrantedByTheClpSeesEverythingTheAclAllows() {
        String cls = middle.createClass(
                "Owned", json(OWNER_FIELD), json("{find: {'%s': true}, readUserFields: ['owner']}", bob.id()));
        String alices = middle.master().create(cls, ownedBy(alice, "alice"));
        assertEquals(Set.of(alices), bob.caller().ids(cls, Map.of()));
    }
}
