package dev.jakartaparse.core.security;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** _Session: a client sees and changes only its own user's sessions; without a user, 209. */
class SessionAccessTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    private static Map<String, Object> userOf(Map<String, Object> session) {
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        return user;
    }

    private static String sessionIdOf(User user) {
        return (String) middle.master()
                .find("_Session", json("{sessionToken: '%s'}", user.sessionToken()))
                .get(0)
                .get("objectId");
    }

    @Test
    void aUserFindsOnlyItsOwnSessions() {
        User alice = middle.signUp("alice");
        User bob = middle.signUp("bob");
        String second = alice.caller().create("_Session", json("{device: 'tablet'}"));

        List<Map<String, Object>> alices = alice.caller().find("_Session", Map.of());
        assertEquals(2, alices.size());
        alices.forEach(s -> assertEquals(alice.id(), userOf(s).get("objectId")));
        assertEquals(Set.of(sessionIdOf(bob)), bob.caller().ids("_Session", Map.of()));
        assertEquals(Set.of(), bob.caller().ids("_Session", json("{objectId: '%s'}", second)));
        assertEquals(
                Set.of(),
                bob.caller()
                        .ids(
                                "_Session",
                                json(
                                        "{user: {__type: 'Pointer', className: '_User'," + " objectId: '%s'}}",
                                        alice.id())));
        assertEquals(1, bob.caller().count("_Session", Map.of()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().get("_Session", second));
        assertTrue(middle.master().ids("_Session", Map.of()).containsAll(Set.of(second, sessionIdOf(bob))));
    }

    @Test
    void withoutAUserThereAreNoSessionsToSee() {
        middle.signUp("carol");
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Permission denied",
                () -> middle.anonymous().find("_Session", Map.of()));
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Session token required.",
                () -> middle.anonymous().create("_Session", Map.of()));
    }

    @Test
    void aUserChangesOnlyItsOwnSessions() {
        User alice = middle.signUp("alice");
        User bob = middle.signUp("bob");
        String bobs = sessionIdOf(bob);
        String alices = sessionIdOf(alice);

        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().update("_Session", bobs, json("{device: 'mine now'}")));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> alice.caller().delete("_Session", bobs));
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Session token required.",
                () -> middle.anonymous().update("_Session", bobs, json("{device: 'x'}")));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Invalid key name: user",
                () -> alice.caller()
                        .update(
                                "_Session",
                                alices,
                                json("{user: {__type: 'Pointer', className: '_User', objectId: '%s'}}", bob.id())));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Cannot set ACL on a Session.",
                () -> alice.caller().update("_Session", alices, json("{ACL: {'*': {read: true}}}")));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Invalid key name: expiresAt",
                () -> alice.caller()
                        .update(
                                "_Session",
                                alices,
                                json("{expiresAt: {__type: 'Date', iso: '2099-01-01T00:00:00.000Z'}}")));
        assertParseError(
                ParseError.INVALID_KEY_NAME,
                "Cannot set ACL on a Session.",
                () -> alice.caller().create("_Session", json("{ACL: {'*': {read: true}}}")));

        alice.caller().update("_Session", alices, json("{device: 'phone'}"));
        assertEquals("phone", middle.master().get("_Session", alices).get("device"));
        middle.accessChanges().clear();
        bob.caller().delete("_Session", bobs);
        assertEquals(List.of(new AccessChanged("_Session")), middle.accessChanges(), "cached sessions are dropped");
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Invalid session token",
                () -> bob.caller().auth());
    }

    @Test
    void aSessionMadeByAClientBelongsToItsUser() {
        User alice = middle.signUp("alice");
        Map<String, Object> response = alice.caller()
                .created(
                        "_Session",
                        json("{user: {__type: 'Pointer', className: '_User', objectId: 'someoneElse'}, extra: 1}"))
                .response();
        assertEquals(alice.id(), userOf(response).get("objectId"));
        assertEquals(Map.of("action", "create"), response.get("createdWith"));
        assertEquals(1, response.get("extra"));
        assertEquals(
                alice.id(),
                middle.withSession((String) response.get("sessionToken")).auth().userId());
    }
}
