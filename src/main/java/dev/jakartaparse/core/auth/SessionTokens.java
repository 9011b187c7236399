package dev.jakartaparse.core.auth;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.security.AccessControl;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.IsoDates;
import dev.jakartaparse.model.ObjectChanged;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions: turns a session token into the {@link Auth} of its user (209 when the token is unknown,
 * expired or its user is gone), and creates and ends {@code _Session} objects the way Parse Server
 * does ({@code r:} + 32 hex characters, expiresAt after sessionLength, one session per user and
 * installation).
 */
@ApplicationScoped
public class SessionTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    ParseConfig config;
    SchemaController schemas;
    StorageAdapter storage;
    RoleResolver roles;
    Event<AccessChanged> accessChanges;
    Event<ObjectChanged> changes;

    @Inject
    public SessionTokens(
            ParseConfig config,
            SchemaController schemas,
            StorageAdapter storage,
            RoleResolver roles,
            Event<AccessChanged> accessChanges,
            Event<ObjectChanged> changes) {
        this.config = config;
        this.schemas = schemas;
        this.storage = storage;
        this.roles = roles;
        this.accessChanges = accessChanges;
        this.changes = changes;
    }

    /** For the CDI client proxy only (the reason the fields are not final). */
    protected SessionTokens() {}

    /** The caller as the user of this session token. */
    public Auth authenticate(String token, String installationId) {
        Map<String, Object> session = requireSession(token);
        String userId =
                session.get("user") instanceof Map<?, ?> p && p.get("objectId") instanceof String id ? id : null;
        if (userId == null || !userExists(userId)) {
            throw invalidToken();
        }
        return Auth.user(userId, token, installationId, roles::rolesOf);
    }

    /**
     * A legacy session token (from before revocable sessions, kept on the user as
     * {@code _session_token}); only /upgradeToRevocableSession accepts one, as in Parse Server.
     */
    public Auth authenticateLegacy(String token, String installationId) {
        Optional<ClassSchema> users = schemas.find("_User");
        if (users.isPresent() && token != null && !token.isEmpty()) {
            List<Map<String, Object>> found = storage.find(
                    "_User",
                    users.get(),
                    Map.of("_session_token", token),
                    QueryOptions.limit(1).withKeys(List.of("objectId")));
            if (found.size() == 1 && found.get(0).get("objectId") instanceof String userId) {
                return Auth.user(userId, token, installationId, roles::rolesOf);
            }
        }
        throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "invalid legacy session token");
    }

    /** The _Session object of a token; 209 when there is none or it has expired. */
    public Map<String, Object> requireSession(String token) {
        Optional<ClassSchema> schema = schemas.find("_Session");
        if (schema.isPresent() && token != null) {
            List<Map<String, Object>> found =
                    storage.find("_Session", schema.get(), Map.of("sessionToken", token), QueryOptions.limit(1));
            if (!found.isEmpty()) {
                if (expired(found.get(0))) {
                    throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Session token is expired.");
                }
                return found.get(0);
            }
        }
        throw invalidToken();
    }

    /**
     * Creates a session for the user and returns it as stored (with its objectId); an older
     * session of the same user on the same installation is removed.
     */
    public Map<String, Object> createSession(
            String userId, Map<String, Object> createdWith, String installationId, Map<String, Object> additionalData) {
        ClassSchema schema = schemas.enforceClassExists("_Session");
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("sessionToken", newToken());
        session.put("user", userPointer(userId));
        session.put("createdWith", createdWith);
        if (config.accounts().expireInactiveSessions()) {
            Instant expires = Instant.now().plusSeconds(config.accounts().sessionLengthSeconds());
            session.put("expiresAt", ObjectIds.date(expires));
        }
        if (installationId != null) {
            session.put("installationId", installationId);
        }
        if (additionalData != null) {
            additionalData.forEach(session::putIfAbsent);
        }
        if (installationId != null) {
            Map<String, Object> duplicates = new LinkedHashMap<>();
            duplicates.put("user", userPointer(userId));
            duplicates.put("installationId", installationId);
            deleteQuietly(schema, duplicates);
        }
        String now = ObjectIds.now();
        session.put("objectId", ObjectIds.newObjectId());
        session.put("createdAt", now);
        session.put("updatedAt", now);
        storage.createObject("_Session", schemas.validateObject("_Session", withoutMeta(session)), session);
        if (config.liveQuery().publishes("_Session")) {
            // As in Parse Server, whose log-ins create sessions through its write pipeline.
            changes.fire(new ObjectChanged("_Session", new LinkedHashMap<>(session), null, false));
        }
        return session;
    }

    /** Ends the session of this token (logout); nothing happens for an unknown token. */
    public void revoke(String token) {
        schemas.find("_Session").ifPresent(s -> deleteQuietly(s, Map.of("sessionToken", token)));
    }

    /** Ends every session of the user, except the one with the given token (null: all). */
    public void revokeAllOf(String userId, String exceptToken) {
        schemas.find("_Session").ifPresent(s -> {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("user", userPointer(userId));
            if (exceptToken != null) {
                where.put("sessionToken", Map.of("$ne", exceptToken));
            }
            deleteQuietly(s, where);
        });
    }

    public static Map<String, Object> userPointer(String userId) {
        return AccessControl.userPointer(userId);
    }

    public static Map<String, Object> createdWith(String action, String authProvider) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("action", action);
        if (authProvider != null) {
            c.put("authProvider", authProvider);
        }
        return c;
    }

    private void deleteQuietly(ClassSchema schema, Map<String, Object> where) {
        try {
            storage.deleteObjectsByQuery("_Session", schema, where);
        } catch (ParseException e) {
            if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                throw e;
            }
        }
        accessChanges.fire(new AccessChanged("_Session"));
    }

    private boolean userExists(String userId) {
        return schemas.find("_User")
                .map(s -> !storage.find(
                                "_User",
                                s,
                                Map.of("objectId", userId),
                                QueryOptions.limit(1).withKeys(List.of("objectId")))
                        .isEmpty())
                .orElse(false);
    }

    private static Map<String, Object> withoutMeta(Map<String, Object> session) {
        Map<String, Object> m = new LinkedHashMap<>(session);
        m.remove("objectId");
        m.remove("createdAt");
        m.remove("updatedAt");
        return m;
    }

    private static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "r:" + HexFormat.of().formatHex(b);
    }

    private static boolean expired(Map<String, Object> session) {
        if (session.get("expiresAt") instanceof Map<?, ?> d && d.get("iso") instanceof String iso) {
            Instant at = IsoDates.parseDate(iso);
            return at != null && at.isBefore(Instant.now());
        }
        return false;
    }

    private static ParseException invalidToken() {
        return new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
    }
}
