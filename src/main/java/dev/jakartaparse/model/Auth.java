package dev.jakartaparse.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Who is asking: the master key (full access), the read-only master key (reads all, writes
 * nothing), a logged-in user (from a session token), or an anonymous client. A user's roles are
 * loaded on first use and kept for the rest of the request.
 */
public final class Auth {
    private static final Function<String, List<String>> NO_ROLES = userId -> List.of();

    private final boolean master;
    private final boolean readOnly;
    private final String installationId;
    private final String sessionToken;
    private final String userId;
    private final Function<String, List<String>> roleLoader;
    private List<String> roles;

    private Auth(
            boolean master,
            boolean readOnly,
            String installationId,
            String sessionToken,
            String userId,
            Function<String, List<String>> roleLoader) {
        this.master = master;
        this.readOnly = readOnly;
        this.installationId = installationId;
        this.sessionToken = sessionToken;
        this.userId = userId;
        this.roleLoader = roleLoader == null ? NO_ROLES : roleLoader;
    }

    public static Auth masterKey() {
        return masterKey(null);
    }

    public static Auth masterKey(String installationId) {
        return new Auth(true, false, installationId, null, null, null);
    }

    public static Auth readOnlyMasterKey(String installationId) {
        return new Auth(false, true, installationId, null, null, null);
    }

    public static Auth anonymous(String installationId) {
        return new Auth(false, false, installationId, null, null, null);
    }

    /** A client acting as a user, with the roles loader used when ACLs or CLPs need them. */
    public static Auth user(
            String userId, String sessionToken, String installationId, Function<String, List<String>> roleLoader) {
        return new Auth(false, false, installationId, sessionToken, userId, roleLoader);
    }

    public boolean master() {
        return master;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public String installationId() {
        return installationId;
    }

    public String sessionToken() {
        return sessionToken;
    }

    /** The logged-in user's objectId, or null. */
    public String userId() {
        return userId;
    }

    public boolean hasUser() {
        return userId != null;
    }

    /** Master or read-only master: skips ACLs and CLPs on reads. */
    public boolean canReadEverything() {
        return master || readOnly;
    }

    /** Neither a master key nor a user: Parse's isUnauthenticated(). */
    public boolean isUnauthenticated() {
        return !master && !readOnly && userId == null;
    }

    /** "role:Name" for every role the user has, directly or through the role hierarchy. */
    public synchronized List<String> roles() {
        if (roles == null) {
            roles = userId == null ? List.of() : List.copyOf(roleLoader.apply(userId));
        }
        return roles;
    }

    /** What ACLs and CLPs are matched against: "*", the user's id and their roles. */
    public List<String> aclGroup() {
        List<String> group = new ArrayList<>();
        group.add("*");
        if (userId != null) {
            group.add(userId);
            group.addAll(roles());
        }
        return Collections.unmodifiableList(group);
    }
}
