package dev.jakartaparse.core.classes;

import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.auth.UserAccounts;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code _User}: sign-up (which may turn out to be a log-in with authData), hashed passwords and
 * other private fields, a session for a new user, a new token after a password change, Parse's
 * 202/203 for duplicates and 206 for a user the caller may not write, no secrets in any read.
 */
@ApplicationScoped
public class UserRules implements ClassRules {
    private UserAccounts users;
    private SessionTokens sessions;
    private SchemaController schemas;
    private StorageAdapter storage;

    protected UserRules() {}

    @Inject
    public UserRules(UserAccounts users, SessionTokens sessions, SchemaController schemas, StorageAdapter storage) {
        this.users = users;
        this.sessions = sessions;
        this.schemas = schemas;
        this.storage = storage;
    }

    @Override
    public String className() {
        return "_User";
    }

    @Override
    public Answer firstLook(Map<String, Object> body, RequestContext rc) {
        UserAccounts.requireStringAuthDataIds(body);
        return null;
    }

    @Override
    public Prepared beforeCreate(String objectId, Map<String, Object> data, RequestContext rc) {
        UserAccounts.SignUp signUp = users.prepareSignUp(objectId, data, rc.auth());
        if (signUp.existingUser() != null) {
            Map<String, Object> user = users.logInWithAuthData(signUp, data, rc);
            return new Prepared(Map.of(), new Answer((String) user.get("objectId"), user, 200), signUp);
        }
        return new Prepared(signUp.secret(), null, signUp);
    }

    @Override
    public void afterCreate(
            Map<String, Object> stored, Prepared prepared, Map<String, Object> response, RequestContext rc) {
        UserAccounts.SignUp signUp = (UserAccounts.SignUp) prepared.state();
        String objectId = (String) stored.get("objectId");
        users.afterUserSaved(stored, prepared.secret());
        if (signUp.authProvider() == null) {
            users.rejectSignupIfUnverified(stored);
        }
        if (signUp.usernameGenerated()) {
            response.put("username", stored.get("username"));
        }
        String token = users.startSession(objectId, "signup", signUp.authProvider(), rc.auth());
        if (token != null) {
            response.put("sessionToken", token);
        }
        if (signUp.authProvider() != null) {
            response.put("authDataResponse", new LinkedHashMap<>()); // what providers answered (none do here)
        }
    }

    @Override
    public Map<String, Object> beforeUpdate(
            ClassSchema schema, String objectId, Map<String, Object> data, RequestContext rc) {
        return users.prepareUpdate(objectId, data, rc.auth());
    }

    @Override
    public void afterUpdate(
            String objectId,
            Map<String, Object> data,
            Map<String, Object> secret,
            Map<String, Object> response,
            RequestContext rc) {
        users.afterUserSaved(data, secret);
        if (secret.containsKey("_hashed_password")) {
            String token = users.afterPasswordChange(objectId, rc.auth());
            if (token != null) {
                response.put("sessionToken", token);
            }
        }
    }

    @Override
    public void beforeDelete(String objectId, RequestContext rc) {
        if (rc.auth().isUnauthenticated()) {
            throw new ParseException(ParseError.SESSION_MISSING, "Insufficient auth to delete user");
        }
    }

    @Override
    public void afterDelete(String objectId, RequestContext rc) {
        sessions.revokeAllOf(objectId, null);
    }

    @Override
    public ParseException translate(ParseException e, String operation, Map<String, Object> data, Auth auth) {
        if (e.code() == ParseError.DUPLICATE_VALUE && !"delete".equals(operation)) {
            return duplicateUser(data);
        }
        if (e.code() == ParseError.OBJECT_NOT_FOUND && !auth.master() && !"create".equals(operation)) {
            // Parse Server's handleSessionMissingError: a user you cannot write is an auth problem.
            return ParseException.sanitized(ParseError.SESSION_MISSING, "Insufficient auth.");
        }
        return e;
    }

    @Override
    public void shapeRead(Map<String, Object> object, Auth auth, boolean own) {
        object.remove("sessionToken");
        object.remove("password");
        if (!own && !auth.canReadEverything()) {
            object.remove("authData");
        }
    }

    @Override
    public boolean isOwn(Map<String, Object> object, Auth auth) {
        return auth.hasUser() && auth.userId().equals(object.get("objectId"));
    }

    @Override
    public boolean asksForOwn(Map<String, Object> where, Auth auth) {
        return auth.hasUser() && auth.userId().equals(where.get("objectId"));
    }

    /** A duplicate-key error on _User names the field the way Parse does (202/203). */
    private ParseException duplicateUser(Map<String, Object> data) {
        ClassSchema schema = schemas.schemaOrEmpty("_User");
        QueryOptions one = QueryOptions.limit(1).withKeys(List.of("objectId"));
        Object self = data.get("objectId") == null ? "" : data.get("objectId");
        if (data.get("username") instanceof String u
                && !storage.find("_User", schema, Map.of("username", u, "objectId", Map.of("$ne", self)), one)
                        .isEmpty()) {
            return new ParseException(ParseError.USERNAME_TAKEN, "Account already exists for this username.");
        }
        if (data.get("email") instanceof String e
                && !storage.find("_User", schema, Map.of("email", e), one).isEmpty()) {
            return new ParseException(ParseError.EMAIL_TAKEN, "Account already exists for this email address.");
        }
        return new ParseException(
                ParseError.DUPLICATE_VALUE, "A duplicate value for a field with unique values was provided");
    }
}
