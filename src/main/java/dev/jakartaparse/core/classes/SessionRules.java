package dev.jakartaparse.core.classes;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.pipeline.ValueValidator;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code _Session}: clients see and write only their own sessions (owned through {@code user});
 * a client's create makes a session for its own user; the session token, user, installation and
 * expiry are the server's to set; deleting one ends its cached authentication everywhere.
 */
@ApplicationScoped
public class SessionRules implements ClassRules {
    private static final Set<String> SET_BY_SERVER =
            Set.of("objectId", "user", "sessionToken", "expiresAt", "createdWith", "createdAt", "updatedAt");

    private SessionTokens sessions;
    private ParseConfig config;

    protected SessionRules() {}

    @Inject
    public SessionRules(SessionTokens sessions, ParseConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Override
    public String className() {
        return "_Session";
    }

    @Override
    public String ownerField() {
        return "user";
    }

    /** POST /classes/_Session by a client: a new session for the caller's own user, with createdWith {action:"create"}. */
    @Override
    public Answer firstLook(Map<String, Object> body, RequestContext rc) {
        Auth auth = rc.auth();
        if (auth.master()) {
            return null;
        }
        if (!auth.hasUser()) {
            throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Session token required.");
        }
        if (body.containsKey("ACL")) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Cannot set ACL on a Session.");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (!SET_BY_SERVER.contains(k)) {
                extra.put(k, v);
            }
        });
        ValueValidator.validateTopLevel(extra, config.requestKeywordDenylist());
        Map<String, Object> session = sessions.createSession(auth.userId(), Map.of("action", "create"), null, extra);
        Map<String, Object> response = new LinkedHashMap<>(session);
        response.remove("createdAt");
        response.remove("updatedAt");
        return new Answer((String) session.get("objectId"), response, 201);
    }

    @Override
    public Map<String, Object> beforeUpdate(
            ClassSchema schema, String objectId, Map<String, Object> data, RequestContext rc) {
        Auth auth = rc.auth();
        if (!auth.hasUser() && !auth.master()) {
            throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Session token required.");
        }
        if (data.containsKey("ACL")) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Cannot set ACL on a Session.");
        }
        if (data.containsKey("user")
                && !auth.master()
                && !(data.get("user") instanceof Map<?, ?> u && auth.userId().equals(u.get("objectId")))) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: user");
        }
        for (String key : List.of("installationId", "sessionToken")) {
            if (data.containsKey(key)) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
        for (String key : List.of("expiresAt", "createdWith")) {
            if (data.containsKey(key) && !auth.master()) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
        return Map.of();
    }

    @Override
    public boolean changesAccess(String operation) {
        return "delete".equals(operation);
    }
}
