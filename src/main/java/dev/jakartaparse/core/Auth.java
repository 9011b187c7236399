package dev.jakartaparse.core;

/**
 * Who is asking: the master key (full access), the read-only master key (reads all, writes
 * nothing), or a client (later: with a user and roles from its session token).
 */
public record Auth(boolean master, boolean readOnly, String installationId, String sessionToken) {

    public static Auth masterKey() {
        return new Auth(true, false, null, null);
    }

    public static Auth client(String installationId, String sessionToken) {
        return new Auth(false, false, installationId, sessionToken);
    }

    /** Master or read-only master: skips ACLs and CLPs on reads. */
    public boolean canReadEverything() {
        return master || readOnly;
    }
}
