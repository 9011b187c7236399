package dev.jakartaparse.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    // Made by Parse Server's own bcrypt library for "S3cret-pw!" (shared/reference/mongo-format).
    private static final String PARSE_SERVER_HASH = "$2y$10$1nREOAstzsDFK0b1yDZ6LOyw342e5gsw/tc9qGrqGHprxsZTNhxku";

    @Test
    void verifiesAHashWrittenByParseServer() {
        assertTrue(PasswordHasher.matches("S3cret-pw!", PARSE_SERVER_HASH));
        assertFalse(PasswordHasher.matches("s3cret-pw!", PARSE_SERVER_HASH));
    }

    @Test
    void hashesItCanVerifyAndNothingElse() {
        String hash = PasswordHasher.hash("pässwörd ✓");
        assertTrue(hash.startsWith("$2b$10$"), hash);
        assertTrue(PasswordHasher.matches("pässwörd ✓", hash));
        assertFalse(PasswordHasher.matches("passwort", hash));
    }

    @Test
    void rejectsMissingOrMalformedHashes() {
        assertFalse(PasswordHasher.matches("x", null));
        assertFalse(PasswordHasher.matches("x", ""));
        assertFalse(PasswordHasher.matches("x", "not-a-bcrypt-hash"));
        assertFalse(PasswordHasher.matches(null, PARSE_SERVER_HASH));
        assertFalse(PasswordHasher.compareWithDummy("anything"));
    }
}
