package dev.jakartaparse.rest.operations;

import dev.jakartaparse.cloud.LogoutRequest;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudCodeExtension;
import dev.jakartaparse.core.auth.AccountEmails;
import dev.jakartaparse.core.auth.RoleResolver;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.auth.UserAccounts;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.core.spi.LoginTriggers;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.ParseRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Log-in, log-out and the current user: the operations of /login, /logout and /users/me, shared
 * by their JAX-RS resources and batch.
 */
@ApplicationScoped
public class UsersApi {

    @Inject
    UserAccounts users;

    @Inject
    LoginTriggers loginTriggers;

    @Inject
    SessionTokens sessions;

    @Inject
    RoleResolver roles;

    @Inject
    ObjectQuery query;

    @Inject
    CloudCode cloud;

    @Inject
    AccountEmails emails;

    /** POST /login (or GET with query parameters): the user as they see themselves, with a new session token. */
    public ApiResponse logIn(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        Map<String, Object> user = authenticate(req, caller);
        String userId = (String) user.get("objectId");
        RequestContext rc = req.requestContext(mountUrl);
        loginTriggers.beforeLogin(withoutSecrets(user), rc);
        Map<String, Object> session = sessions.createSession(
                userId, SessionTokens.createdWith("login", "password"), caller.installationId(), null);
        String token = (String) session.get("sessionToken");
        Auth asUser = caller.master() ? caller : Auth.user(userId, token, caller.installationId(), roles::rolesOf);
        Map<String, Object> seen;
        try {
            seen = query.get(new PipelineRequest.Get("_User", userId, FindOptions.forGet(Map.of()), rc.as(asUser)));
        } catch (ParseException e) {
            // Access control withheld the record: disclose only the identity.
            seen = new LinkedHashMap<>();
            seen.put("objectId", userId);
            seen.put("username", user.get("username"));
            seen.put("createdAt", user.get("createdAt"));
            seen.put("updatedAt", user.get("updatedAt"));
        }
        seen.put("sessionToken", token);
        loginTriggers.afterLogin(withoutSecrets(seen), rc);
        return ApiResponse.ok(seen);
    }

    /**
     * POST /loginAs {userId} (or ?userId=): a new session for any user, for the master key only
     * (119 otherwise, the read-only master key included, as Parse Server answers in its handler);
     * the user as stored, with the session token. No log-in triggers or lockout, as in Parse Server.
     */
    public ApiResponse logInAs(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        if (caller.readOnly()) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN, "read-only masterKey isn't allowed to login as another user.");
        }
        if (!caller.master()) {
            throw ParseException.sanitized(ParseError.OPERATION_FORBIDDEN, "master key is required");
        }
        Object userId = truthy(req.body().get("userId"))
                ? req.body().get("userId")
                : req.queryStrings().get("userId");
        if (!truthy(userId)) {
            throw new ParseException(ParseError.INVALID_VALUE, "userId must not be empty, null, or undefined");
        }
        // An objectId is a string: anything else (an operator, a number) names no user.
        if (!(userId instanceof String id)) {
            throw userNotFound();
        }
        RequestContext rc = req.requestContext(mountUrl);
        Map<String, Object> user;
        try {
            user = query.getWithoutTriggers("_User", id, FindOptions.forGet(Map.of()), rc);
        } catch (ParseException e) {
            if (e.code() == ParseError.OBJECT_NOT_FOUND) {
                throw userNotFound();
            }
            throw e;
        }
        Map<String, Object> session = sessions.createSession(
                id, SessionTokens.createdWith("login", "masterkey"), caller.installationId(), null);
        user.put("sessionToken", session.get("sessionToken"));
        return ApiResponse.ok(user);
    }

    /**
     * GET or POST /verifyPassword: log-in's checks (credentials, lockout, email verification)
     * without a session; the user as they see themselves, or only their objectId when access
     * control hides the record from them.
     */
    public ApiResponse verifyPassword(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        Map<String, Object> user = authenticate(req, caller);
        String userId = (String) user.get("objectId");
        Auth asUser = caller.master() ? caller : Auth.user(userId, null, caller.installationId(), roles::rolesOf);
        RequestContext rc = req.requestContext(mountUrl);
        try {
            return ApiResponse.ok(
                    query.get(new PipelineRequest.Get("_User", userId, FindOptions.forGet(Map.of()), rc.as(asUser))));
        } catch (ParseException e) {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("objectId", userId);
            return ApiResponse.ok(identity);
        }
    }

    /**
     * The credentials of /login and /verifyPassword: from the body, or from the query string when
     * it has the username or email the body lacks (Parse Server's rule); the master key may skip
     * the email verification check with ignoreEmailVerification.
     */
    private Map<String, Object> authenticate(ParseRequest req, Auth caller) {
        Map<String, Object> params = req.body();
        Map<String, Object> query = req.queryStrings();
        if (!truthy(params.get("username")) && truthy(query.get("username"))
                || !truthy(params.get("email")) && truthy(query.get("email"))) {
            params = query;
        }
        boolean ignoreEmailVerification = caller.master() && truthy(params.get("ignoreEmailVerification"));
        return users.authenticate(
                params.get("username"), params.get("email"), params.get("password"), caller, ignoreEmailVerification);
    }

    /** JavaScript's truthiness, for the parameters Parse Server tests that way. */
    private static boolean truthy(Object value) {
        return value != null
                && !Boolean.FALSE.equals(value)
                && !"".equals(value)
                && !(value instanceof Number n && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
    }

    private static ParseException userNotFound() {
        return new ParseException(ParseError.OBJECT_NOT_FOUND, "user not found");
    }

    private static Map<String, Object> withoutSecrets(Map<String, Object> user) {
        Map<String, Object> copy = new LinkedHashMap<>(user);
        copy.keySet().removeIf(k -> k.startsWith("_") || "password".equals(k) || "sessionToken".equals(k));
        return copy;
    }

    /** POST /verificationEmailRequest {email}: a new verification link. */
    public ApiResponse verificationEmailRequest(ParseRequest req) {
        emails.resendVerification(req.objectBody().get("email"), req.auth());
        return ApiResponse.ok(new LinkedHashMap<>());
    }

    /** POST /requestPasswordReset {email}: a password reset link. */
    public ApiResponse requestPasswordReset(ParseRequest req) {
        emails.requestPasswordReset(req.objectBody().get("email"));
        return ApiResponse.ok(new LinkedHashMap<>());
    }

    /** POST /logout: ends the caller's session. */
    public ApiResponse logOut(ParseRequest req) {
        String token = req.auth().sessionToken();
        if (token != null) {
            Map<String, Object> session = sessions.requireSession(token);
            sessions.revoke(token);
            cloud.runAppAfterTrigger(
                    CloudCodeExtension.Kind.AFTER_LOGOUT,
                    new LogoutRequest(
                            session,
                            req.auth().installationId(),
                            req.requestContext(null).client()));
        }
        return ApiResponse.ok(new LinkedHashMap<>());
    }

    /** GET /users/me: the caller's user, read with the caller's rights, with its session token. */
    public ApiResponse me(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        if (caller.sessionToken() == null || !caller.hasUser()) {
            throw ParseException.sanitized(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        Map<String, Object> user;
        try {
            user = query.get(new PipelineRequest.Get(
                    "_User", caller.userId(), FindOptions.forGet(req.params()), req.requestContext(mountUrl)));
        } catch (ParseException e) {
            throw ParseException.sanitized(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        user.put("sessionToken", caller.sessionToken());
        return ApiResponse.ok(user);
    }

    /**
     * POST /upgradeToRevocableSession: a revocable session for the caller's user (who may have
     * come with a legacy token); the legacy token stops working.
     */
    public ApiResponse upgradeToRevocableSession(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        if (!caller.hasUser()) {
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "invalid session");
        }
        Map<String, Object> session =
                sessions.createSession(caller.userId(), Map.of("action", "upgrade"), caller.installationId(), null);
        users.forgetLegacySessionToken(caller.userId());
        Auth asUser = Auth.user(
                caller.userId(), (String) session.get("sessionToken"), caller.installationId(), roles::rolesOf);
        RequestContext rc = req.requestContext(mountUrl);
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("sessionToken", session.get("sessionToken"));
        var results = (List<?>) query.find(new PipelineRequest.Find(
                        "_Session", where, FindOptions.all().withLimit(1), rc.as(asUser)))
                .get("results");
        if (results.isEmpty()) {
            throw new ParseException(ParseError.INTERNAL_SERVER_ERROR, "Failed to load upgraded session.");
        }
        return ApiResponse.ok(results.get(0));
    }

    /** GET /sessions/me: the caller's session. */
    public ApiResponse mySession(ParseRequest req, String mountUrl) {
        Auth caller = req.auth();
        if (caller.sessionToken() == null || !caller.hasUser()) {
            throw ParseException.sanitized(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("sessionToken", caller.sessionToken());
        var results = (List<?>) query.find(new PipelineRequest.Find(
                        "_Session", where, FindOptions.all().withLimit(1), req.requestContext(mountUrl)))
                .get("results");
        if (results.isEmpty()) {
            throw ParseException.sanitized(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        return ApiResponse.ok(results.get(0));
    }
}
