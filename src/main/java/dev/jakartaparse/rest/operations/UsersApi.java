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
        Map<String, Object> params = req.body();
        if (params.get("username") == null && params.get("email") == null) {
            params = req.params();
        }
        Auth caller = req.auth();
        Map<String, Object> user =
                users.authenticate(params.get("username"), params.get("email"), params.get("password"), caller);
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
