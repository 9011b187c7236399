package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.Role;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/**
 * Protected fields: the CLP's protectedFields and the server's protectedFields option (by default
 * other users never see a user's email); they can be neither read nor probed through where or order.
 */
class ProtectedFieldsTest {
    private static final String DENIED = "Permission denied";

    /** Stored permissions are merged over empty ones, as Parse Server does: a CLP names every operation. */
    private static final String OPEN = "find: {'*': true}, get: {'*': true}, count: {'*': true}, create: {'*': true},"
            + " update: {'*': true}, delete: {'*': true}, addField: {'*': true}";

    private static final String FIELDS = "{name: {type: 'String'}, secret: {type: 'String'}, phone: {type: 'String'}}";

    @RegisterExtension
    static final Middle middle = new Middle();

    private static User alice;
    private static User bob;

    @BeforeAll
    static void users() {
        alice = middle.signUp("alice", json("{email: 'alice@example.com', ACL: {'*': {read: true}}}"));
        bob = middle.signUp("bob");
    }

    @Test
    void hiddenFromClientsShownToTheMasterKey() {
        String cls =
                middle.createClass("Prot", json(FIELDS), json("{" + OPEN + ", protectedFields: {'*': ['secret']}}"));
        String id = middle.master().create(cls, json("{name: 'n', secret: 's3'}"));
        assertFalse(middle.anonymous().get(cls, id).containsKey("secret"));
        assertFalse(alice.caller().find(cls, Map.of()).get(0).containsKey("secret"));
        assertFalse(alice.caller()
                .find(cls, Map.of(), Map.of("keys", "secret,name"))
                .get(0)
                .containsKey("secret"));
        assertEquals("s3", middle.master().get(cls, id).get("secret"));
        assertEquals("s3", middle.readOnlyMaster().get(cls, id).get("secret"));
    }

    @Test
    void cannotBeProbedThroughWhereOrOrder() {
        String cls =
                middle.createClass("Prot", json(FIELDS), json("{" + OPEN + ", protectedFields: {'*': ['secret']}}"));
        middle.master().create(cls, json("{name: 'n', secret: 's3'}"));
        for (String where : List.of(
                "{secret: 's3'}",
                "{$or: [{name: 'nope'}, {secret: {$regex: '^s'}}]}",
                "{$and: [{$nor: [{'secret.x': 1}]}]}")) {
            assertParseError(
                    ParseError.OPERATION_FORBIDDEN, DENIED, () -> alice.caller().find(cls, json(where)));
        }
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> alice.caller().find(cls, Map.of(), Map.of("order", "-secret")));
        assertEquals(1, middle.master().find(cls, json("{secret: 's3'}")).size());
    }

    @Test
    void aFieldStaysHiddenOnlyIfEveryRuleForTheCallerHidesIt() {
        Role mods = middle.createRole("Mods", List.of(alice), List.of());
        String cls = middle.createClass(
                "Prot",
                json(FIELDS),
                json(
                        "{" + OPEN + ", protectedFields: {'*': ['secret', 'phone'],"
                                + " authenticated: ['phone'], '%s': []}}",
                        mods.aclKey()));
        String id = middle.master().create(cls, json("{secret: 's', phone: 'p'}"));

        Map<String, Object> anonymous = middle.anonymous().get(cls, id);
        assertFalse(anonymous.containsKey("secret") || anonymous.containsKey("phone"));
        Map<String, Object> byBob = bob.caller().get(cls, id);
        assertEquals("s", byBob.get("secret"));
        assertFalse(byBob.containsKey("phone"));
        Map<String, Object> byAlice = alice.caller().get(cls, id);
        assertEquals(List.of("p", "s"), List.of(byAlice.get("phone"), byAlice.get("secret")));
    }

    @Test
    void aUserFieldRuleShowsTheFieldsToTheUserItPointsAt() {
        String cls = middle.createClass(
                "Prot",
                json("{secret: {type: 'String'}, owner: {type: 'Pointer', targetClass: '_User'}}"),
                json("{" + OPEN + ", protectedFields: {'*': ['secret'], 'userField:owner': []}}"));
        String id = middle.master()
                .create(
                        cls,
                        json(
                                "{secret: 's', owner: {__type: 'Pointer', className: '_User'," + " objectId: '%s'}}",
                                alice.id()));
        assertEquals("s", alice.caller().get(cls, id).get("secret"));
        assertFalse(bob.caller().get(cls, id).containsKey("secret"));
        Map<String, Object> selected = bob.caller().get(cls, id, Map.of("keys", "secret"));
        assertFalse(
                selected.containsKey("secret") || selected.containsKey("owner"), "owner was fetched only to decide");
    }

    @Test
    void includedObjectsAreProtectedToo() {
        String target =
                middle.createClass("Prot", json(FIELDS), json("{" + OPEN + ", protectedFields: {'*': ['secret']}}"));
        String link = middle.createClass("Link", null);
        String targetId = middle.master().create(target, json("{name: 't', secret: 's'}"));
        middle.master()
                .create(link, json("{to: {__type: 'Pointer', className: '%s', objectId: '%s'}}", target, targetId));
        @SuppressWarnings("unchecked")
        Map<String, Object> included = (Map<String, Object>) bob.caller()
                .find(link, Map.of(), Map.of("include", "to"))
                .get(0)
                .get("to");
        assertEquals("t", included.get("name"));
        assertFalse(included.containsKey("secret"));
    }

    @Test
    void byDefaultOtherUsersNeverSeeAUsersEmail() {
        assertEquals(
                "alice@example.com", alice.caller().get("_User", alice.id()).get("email"));
        assertEquals(
                "alice@example.com", middle.master().get("_User", alice.id()).get("email"));
        Map<String, Object> seenByBob = bob.caller().get("_User", alice.id());
        assertEquals(alice.username(), seenByBob.get("username"));
        assertFalse(seenByBob.containsKey("email"));
        assertFalse(middle.anonymous().get("_User", alice.id()).containsKey("email"));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> bob.caller().find("_User", json("{email: 'alice@example.com'}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> alice.caller().find("_User", json("{email: 'alice@example.com'}")));
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                DENIED,
                () -> bob.caller().find("_User", Map.of(), Map.of("order", "email")));
    }

    @Test
    void usersNeverShowTheirSecrets() {
        Map<String, Object> self = alice.caller().get("_User", alice.id());
        for (String secret : List.of("password", "sessionToken", "_hashed_password", "authData")) {
            assertFalse(self.containsKey(secret), secret);
        }
        assertTrue(self.containsKey("username"));
        Map<String, Object> byMaster = middle.master().get("_User", alice.id());
        assertFalse(byMaster.containsKey("password") || byMaster.containsKey("_hashed_password"));
    }

    @Test
    void theOptionReplacesTheDefault() {
        try (Middle phones = new Middle()
                .option("protectedFields", "{\"_User\": {\"*\": [\"phone\"]}}")
                .start()) {
            User carol =
                    phones.signUp("carol", json("{email: 'c@example.com', phone: '123', ACL: {'*': {read: true}}}"));
            User dave = phones.signUp("dave");
            Map<String, Object> seen = dave.caller().get("_User", carol.id());
            assertEquals("c@example.com", seen.get("email"));
            assertFalse(seen.containsKey("phone"));
            assertEquals("123", carol.caller().get("_User", carol.id()).get("phone"));
        }
    }
}
