package dev.jakartaparse.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt as Parse Server stores it in {@code _hashed_password}: cost 10, and every revision its
 * libraries have written ($2a$, $2b$, $2y$) verifies, so users migrated from a Parse Server
 * database keep their passwords.
 */
public final class PasswordHasher {
    private static final int COST = 10;
    // A real hash to compare against when there is no user, so that a wrong username takes as
    // long as a wrong password (no timing oracle for which usernames exist).
    private static final String DUMMY_HASH = hash("dummy-password-for-timing");

    private PasswordHasher() {}

    public static String hash(String password) {
        return new String(BCrypt.with(BCrypt.Version.VERSION_2B).hash(COST, bytes(password)), StandardCharsets.UTF_8);
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null || hash.isEmpty()) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(bytes(password), hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false; // not a bcrypt hash
        }
    }

    /** Spends the time of one comparison and returns false. */
    public static boolean compareWithDummy(String password) {
        matches(password == null ? "" : password, DUMMY_HASH);
        return false;
    }

    // bcrypt reads at most 72 bytes; longer passwords are cut there, as bcryptjs does.
    private static byte[] bytes(String password) {
        byte[] b = password.getBytes(StandardCharsets.UTF_8);
        if (b.length > 72) {
            byte[] cut = new byte[72];
            System.arraycopy(b, 0, cut, 0, 72);
            return cut;
        }
        return b;
    }
}
