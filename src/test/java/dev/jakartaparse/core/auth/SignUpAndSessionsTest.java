package dev.jakartaparse.core.auth;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.Set;

/**
 * The account code through the write pipeline: sign-up checks, uniqueness, private users, who may
 * change or delete a user, log-in, and the sessions that come and go with them.
 */
class SignUpAndSessionsTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    @Test
    void aSignUpNeedsAUsernameAndAPassword() {
        assertParseError(
                ParseError.USERNAME_MISSING,
                "bad or missing username",
                () -> middle.anonymous().create("_User", json("{password: 'pw'}")));
        assertParseError(
                ParseError.PASSWORD_MISSING,
                "password is required",
                () -> middle.anonymous().create("_User", json("{username: 'nopassword'}")));
        assertParseError(
                ParseError.INVALID_EMAIL_ADDRESS,
                "Email address format is invalid.",
                () -> middle.anonymous()
                        .create("_User", json("{username: 'bademail', password: 'pw', email: 'nope'}")));
    }

    @Test
    void usernamesAndEmailsAreUniqueIgnoringCase() {
        User alice = middle.signUp("alice", json("{email: 'Alice@Example.com'}"));
        assertParseError(
                ParseError.USERNAME_TAKEN,
                "Account already exists for this username.",
                () -> middle.anonymous()
                        .create(
                                "_User",
                                json(
                                        "{username: '%s', password: 'pw'}",
                                        alice.username().toUpperCase())));
        assertParseError(
                ParseError.EMAIL_TAKEN,
                "Account already exists for this email address.",
                () -> middle.anonymous()
                        .create("_User", json("{username: 'other', password: 'pw', email: 'alice@example.COM'}")));
    }

    @Test
    void aSignUpAnswersASessionOfTheNewUser() {
        ObjectWrite.Created created = middle.anonymous().created("_User", json("{username: 'sam', password: 'pw'}"));
        assertEquals(201, created.status());
        String token = (String) created.response().get("sessionToken");
        assertTrue(token.matches("r:[0-9a-f]{32}"), token);
        assertFalse(created.response().containsKey("password"));
        Auth auth = middle.sessions().authenticate(token, null);
        assertEquals(created.objectId(), auth.userId());
        Map<String, Object> session = middle.master()
                .find("_Session", json("{sessionToken: '%s'}", token))
                .get(0);
        assertEquals(Map.of("action", "signup", "authProvider", "password"), session.get("createdWith"));
    }

    @Test
    void usersArePrivateByDefault() {
        User alice = middle.signUp("alice");
        User bob = middle.signUp("bob");
        Set<String> seenByBob = bob.caller().ids("_User", Map.of()); // other tests' public users too
        assertTrue(seenByBob.contains(bob.id()));
        assertFalse(seenByBob.contains(alice.id()));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Object not found.",
                () -> bob.caller().get("_User", alice.id()));
        assertEquals(alice.username(), alice.caller().get("_User", alice.id()).get("username"));
    }

    @Test
    void onlyTheUserChangesOrDeletesItself() {
        User alice = middle.signUp("alice", json("{ACL: {'*': {read: true}}}"));
        User bob = middle.signUp("bob");
        assertParseError(
                ParseError.SESSION_MISSING,
                "Permission denied",
                () -> bob.caller().update("_User", alice.id(), json("{nick: 'bobbed'}")));
        assertParseError(
                ParseError.SESSION_MISSING,
                "Permission denied",
                () -> middle.anonymous().update("_User", alice.id(), json("{nick: 'anon'}")));
        assertParseError(
                ParseError.SESSION_MISSING,
                "Permission denied",
                () -> bob.caller().delete("_User", alice.id()));
        assertParseError(
                ParseError.SESSION_MISSING,
                "Insufficient auth to delete user",
                () -> middle.anonymous().delete("_User", alice.id()));
        alice.caller().update("_User", alice.id(), json("{nick: 'al'}"));
        assertEquals("al", bob.caller().get("_User", alice.id()).get("nick"));
    }

    @Test
    void aUsersOwnAclAlwaysKeepsItself() {
        User alice = middle.signUp("alice");
        alice.caller().update("_User", alice.id(), json("{ACL: {'*': {read: true}}}"));
        @SuppressWarnings("unchecked")
        Map<String, Object> acl =
                (Map<String, Object>) middle.master().get("_User", alice.id()).get("ACL");
        assertEquals(Map.of("read", true, "write", true), acl.get(alice.id()));
    }

    @Test
    void logInChecksThePassword() {
        User alice = middle.signUp("alice");
        Auth anonymous = Auth.anonymous(null);
        assertEquals(
                alice.id(),
                middle.users()
                        .authenticate(alice.username(), null, alice.password(), anonymous, false)
                        .get("objectId"));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Invalid username/password.",
                () -> middle.users().authenticate(alice.username(), null, "wrong", anonymous, false));
        assertParseError(
                ParseError.OBJECT_NOT_FOUND,
                "Invalid username/password.",
                () -> middle.users().authenticate("nobody", null, "pw", anonymous, false));
        assertParseError(
                ParseError.PASSWORD_MISSING,
                "password is required.",
                () -> middle.users().authenticate(alice.username(), null, "", anonymous, false));
    }

    @Test
    void aNewPasswordEndsTheOldSessionsAndStartsOne() {
        User alice = middle.signUp("alice");
        Map<String, Object> response = alice.caller().update("_User", alice.id(), json("{password: 'new-pw'}"));
        String fresh = (String) response.get("sessionToken");
        assertNotNull(fresh);
        assertNotEquals(alice.sessionToken(), fresh);
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Invalid session token",
                () -> alice.caller().auth());
        assertEquals(alice.id(), middle.withSession(fresh).auth().userId());
        assertEquals(
                alice.id(),
                middle.users()
                        .authenticate(alice.username(), null, "new-pw", Auth.anonymous(null), false)
                        .get("objectId"));
    }

    @Test
    void deletingAUserEndsItsSessions() {
        User alice = middle.signUp("alice");
        alice.caller().delete("_User", alice.id());
        assertParseError(
                ParseError.INVALID_SESSION_TOKEN,
                "Invalid session token",
                () -> middle.sessions().authenticate(alice.sessionToken(), null));
        assertEquals(
                0,
                middle.master()
                        .count(
                                "_Session",
                                json(
                                        "{user: {__type: 'Pointer', className: '_User'," + " objectId: '%s'}}",
                                        alice.id())));
    }

    @Test
    void anonymousAuthDataSignsUpOnceThenLogsIn() {
        Map<String, Object> body = json("{authData: {anonymous: {id: 'device-1'}}}");
        ObjectWrite.Created first = middle.anonymous().created("_User", body);
        assertEquals(201, first.status());
        assertTrue(first.response().containsKey("username"), "a generated username is answered");
        ObjectWrite.Created again =
                middle.anonymous().created("_User", json("{authData: {anonymous: {id: 'device-1'}}}"));
        assertEquals(200, again.status());
        assertEquals(first.objectId(), again.objectId());
        assertNotEquals(first.response().get("sessionToken"), again.response().get("sessionToken"));
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertParseError(
                ParseError.UNSUPPORTED_SERVICE,
                "This authentication method is unsupported.",
                () -> middle.anonymous().create("_User", json("{authData: {myProvider: {id: 'x'}}}")));
    }
}
