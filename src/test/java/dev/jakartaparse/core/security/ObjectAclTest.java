package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.Role;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Object ACLs through the pipelines: public, per user, per role and through the role hierarchy. */
class ObjectAclTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice");
        bob = middle.signUp("bob");
    }

    @Test
    void privateObjectsAreInvisibleToOthersOnFindGetAndCount() {
        String cls = middle.createClass("Doc", null);
        String pub = middle.anonymous().create(cls, json("{title: 'public'}"));
        String priv = alice.caller()
                .create(cls, json("{title: 'private', ACL: {'%s': {read: true, write: true}}}", alice.id()));
        String readable = middle.anonymous()
                .create(cls, json("{title: 'readable', ACL: {'*': {read: true}, '%s': {write: true}}}", alice.id()));

        assertEquals(Set.of(pub, readable), middle.anonymous().ids(cls, Map.of()));
        assertEquals(Set.of(pub, readable), bob.caller().ids(cls, Map.of()));
        assertEquals(Set.of(pub, priv, readable), alice.caller().ids(cls, Map.of()));
        assertEquals(2, bob.caller().count(cls, Map.of()));
        assertEquals(3, alice.caller().count(cls, Map.of()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().get(cls, priv));
        assertEquals("private", alice.caller().get(cls, priv).get("title"));
        // where clauses that name the object do not widen what is visible
        assertEquals(Set.of(), bob.caller().ids(cls, json("{$or: [{title: 'private'}, {objectId: '%s'}]}", priv)));
    }

    @Test
    void onlyThoseWithWriteAccessUpdateOrDelete() {
        String cls = middle.createClass("Doc", null);
        String priv = alice.caller()
                .create(cls, json("{title: 'private', ACL: {'%s': {read: true, write: true}}}", alice.id()));
        String readOnly = middle.anonymous()
                .create(cls, json("{title: 'ro', ACL: {'*': {read: true}, '%s': {write: true}}}", alice.id()));

        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().update(cls, priv, json("{title: 'hacked'}")));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> middle.anonymous().update(cls, readOnly, json("{title: 'hacked'}")));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().delete(cls, priv));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> middle.anonymous().delete(cls, readOnly));

        alice.caller().update(cls, readOnly, json("{title: 'ro2'}"));
        assertEquals("ro2", middle.anonymous().get(cls, readOnly).get("title"));
        assertEquals("private", middle.master().get(cls, priv).get("title"), "nothing was written");
        alice.caller().delete(cls, priv);
        assertEquals(Set.of(), middle.master().ids(cls, json("{title: 'private'}")));
    }

    @Test
    void writeAccessAloneDoesNotRead() {
        String cls = middle.createClass("Doc", null);
        String id = middle.master().create(cls, json("{ACL: {'%s': {write: true}}}", alice.id()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().get(cls, id));
        alice.caller().update(cls, id, json("{note: 'blind write'}"));
        assertEquals("blind write", middle.master().get(cls, id).get("note"));
    }

    @Test
    void rolesAndTheRoleHierarchyGrantAccess() {
        User carol = middle.signUp("carol");
        Role mods = middle.createRole("Mods", List.of(alice), List.of());
        Role admins = middle.createRole("Admins", List.of(carol), List.of(mods));
        String cls = middle.createClass("Doc", null);
        String forAdmins =
                middle.master().create(cls, json("{ACL: {'%s': {read: true, write: true}}}", admins.aclKey()));
        String forMods = middle.master().create(cls, json("{ACL: {'%s': {read: true}}}", mods.aclKey()));

        // carol is an Admin; alice is a Mod, and the Mods are among the Admins' roles, so she is one too
        assertEquals(Set.of(forAdmins), carol.caller().ids(cls, Map.of()));
        assertEquals(Set.of(forAdmins, forMods), alice.caller().ids(cls, Map.of()));
        assertEquals(Set.of(), bob.caller().ids(cls, Map.of()));
        alice.caller().update(cls, forAdmins, json("{title: 'edited'}"));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().update(cls, forMods, json("{title: 'edited'}")));
    }

    @Test
    void aCycleInTheRoleHierarchyEnds() {
        User dave = middle.signUp("dave");
        Role a = middle.createRole("CycA", List.of(dave), List.of());
        Role b = middle.createRole("CycB", List.of(), List.of(a));
        middle.master()
                .update(
                        "_Role",
                        a.id(),
                        Map.of(
                                "roles",
                                Map.of("__op", "AddRelation", "objects", List.of(Middle.pointer("_Role", b.id())))));
        String cls = middle.createClass("Doc", null);
        String id = middle.master().create(cls, json("{ACL: {'%s': {read: true}}}", b.aclKey()));
        assertEquals(Set.of(id), dave.caller().ids(cls, Map.of()));
        assertEquals(
                List.of("role:" + a.name(), "role:" + b.name()),
                dave.auth().roles().stream().sorted().toList());
    }

    @Test
    void aRoleGrantedAfterSignUpCountsFromTheNextRequest() {
        User erin = middle.signUp("erin");
        String cls = middle.createClass("Doc", null);
        Role late = middle.createRole("Late", List.of(), List.of());
        String id = middle.master().create(cls, json("{ACL: {'%s': {read: true}}}", late.aclKey()));
        assertEquals(Set.of(), erin.caller().ids(cls, Map.of()));
        middle.master()
                .update(
                        "_Role",
                        late.id(),
                        Map.of(
                                "users",
                                Map.of("__op", "AddRelation", "objects", List.of(Middle.pointer("_User", erin.id())))));
        assertEquals(Set.of(id), erin.caller().ids(cls, Map.of()));
    }
}
