package dev.jakartaparse.rest.resources;

import dev.jakartaparse.rest.operations.UsersApi;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * REST: the account routes: /users/me, /sessions/me, /login, /loginAs, /verifyPassword, /logout,
 * /upgradeToRevocableSession, /verificationEmailRequest and /requestPasswordReset. (/users itself is in {@link ClassAliasesResource}.)
 */
@Path("")
public class AccountResource {
    @Inject
    UsersApi users;

    @Inject
    MountUrl mountUrl;

    @Context
    HttpServletRequest ctx;

    @GET
    @Path("users/me")
    public Response me() {
        return users.me(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("sessions/me")
    public Response mySession() {
        return users.mySession(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    @Path("upgradeToRevocableSession")
    public Response upgradeToRevocableSession() {
        return users.upgradeToRevocableSession(ParseRequest.of(ctx), mountUrl.of(ctx))
                .toResponse();
    }

    @POST
    @Path("login")
    public Response logInPost() {
        return users.logIn(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("login")
    public Response logInGet() {
        return users.logIn(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    @Path("loginAs")
    public Response logInAs() {
        return users.logInAs(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("verifyPassword")
    public Response verifyPasswordGet() {
        return users.verifyPassword(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    @Path("verifyPassword")
    public Response verifyPasswordPost() {
        return users.verifyPassword(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    @Path("verificationEmailRequest")
    public Response verificationEmailRequest() {
        return users.verificationEmailRequest(ParseRequest.of(ctx)).toResponse();
    }

    @POST
    @Path("requestPasswordReset")
    public Response requestPasswordReset() {
        return users.requestPasswordReset(ParseRequest.of(ctx)).toResponse();
    }

    @POST
    @Path("logout")
    public Response logOut() {
        return users.logOut(ParseRequest.of(ctx)).toResponse();
    }
}
