package dev.jakartaparse.core.auth;

import static dev.jakartaparse.core.pipeline.Middle.json;
import static dev.jakartaparse.core.pipeline.ParseAssertions.assertParseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.pipeline.Middle.User;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** verifyUserEmails with preventLoginWithUnverifiedEmail: the email, its link, and the log-in it gates. */
class EmailVerificationTest {
    private static final Pattern LINK =
            Pattern.compile("https://example\\.com/parse/apps/APPLICATION_ID/verify_email\\?token=(\\w+)");

    @RegisterExtension
    static final Middle middle = new Middle()
            .option("verifyUserEmails", "true")
            .option("preventLoginWithUnverifiedEmail", "true")
            .option("appName", "Middle")
            .option("publicServerURL", "https://example.com/parse");

    record Mail(String to, String subject, String text) {}

    private static final List<Mail> outbox = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void collectMail() {
        middle.emails().useAdapter((to, subject, text) -> outbox.add(new Mail(to, subject, text)));
    }

    @Test
    void aNewEmailIsVerifiedThroughItsLinkBeforeTheUserMayLogIn() {
        User erin = middle.signUp("erin", json("{email: 'erin@example.com'}"));
        assertNull(erin.sessionToken(), "no session until the email is verified");
        Mail mail = outbox.stream()
                .filter(m -> m.to().equals("erin@example.com"))
                .findFirst()
                .orElseThrow();
        assertEquals("Please verify your e-mail for Middle", mail.subject());
        Matcher link = LINK.matcher(mail.text());
        assertTrue(link.find(), mail.text());
        Auth anonymous = Auth.anonymous(null);
        assertParseError(
                ParseError.EMAIL_NOT_FOUND,
                "User email is not verified.",
                () -> middle.users().authenticate(erin.username(), null, erin.password(), anonymous, false));

        assertFalse(middle.emails().verifyEmail("not-the-token"));
        assertTrue(middle.emails().verifyEmail(link.group(1)));
        assertEquals(
                erin.id(),
                middle.users()
                        .authenticate(erin.username(), null, erin.password(), anonymous, false)
                        .get("objectId"));
        assertEquals(true, middle.master().get("_User", erin.id()).get("emailVerified"));
    }

    @Test
    void onlyTheMasterKeyAskingToIgnoreItSkipsTheEmailCheck() {
        User fay = middle.signUp("fay", json("{email: 'fay@example.com'}"));
        // As in Parse Server 9.10: the master key alone is not enough (log-in and /verifyPassword).
        assertParseError(
                ParseError.EMAIL_NOT_FOUND,
                "User email is not verified.",
                () -> middle.users().authenticate(fay.username(), null, fay.password(), Auth.masterKey(), false));
        assertParseError(
                ParseError.EMAIL_NOT_FOUND,
                "User email is not verified.",
                () -> middle.users().authenticate(fay.username(), null, fay.password(), Auth.anonymous(null), true));
        assertEquals(
                fay.id(),
                middle.users()
                        .authenticate(fay.username(), null, fay.password(), Auth.masterKey(), true)
                        .get("objectId"));
    }

    @Test
    void clientsCannotMarkAnEmailVerified() {
        assertParseError(
                ParseError.OPERATION_FORBIDDEN,
                "Permission denied",
                () -> middle.anonymous()
                        .create(
                                "_User",
                                json(
                                        "{username: 'cheat', password: 'pw', email: 'c@example.com', emailVerified: true}")));
    }
}
