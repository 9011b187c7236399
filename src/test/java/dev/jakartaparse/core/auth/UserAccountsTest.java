package dev.jakartaparse.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

class UserAccountsTest {

    private static boolean sameIgnoringCase(String stored, String given) {
        return Pattern.compile("^" + UserAccounts.literalRegex(given) + "$", Pattern.CASE_INSENSITIVE)
                .matcher(stored)
                .matches();
    }

    @Test
    void literalRegexMatchesOnlyTheValueIgnoringCase() {
        assertTrue(sameIgnoringCase("Alice", "aLICE"));
        assertTrue(sameIgnoringCase("a.b+c@x.com", "A.B+C@X.COM"));
        assertFalse(sameIgnoringCase("aXb", "a.b"), "a dot is not a wildcard");
        assertFalse(sameIgnoringCase("anything", ".*"));
        assertTrue(sameIgnoringCase("(x)[y]{z}|^$\\?", "(x)[y]{z}|^$\\?"));
    }
}
