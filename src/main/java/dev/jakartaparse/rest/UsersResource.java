package dev.jakartaparse.rest;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** REST: /users[/{objectId}], /users/me, /login, /logout — the _User class and the account routes. */
@Path("")
public class UsersResource {
    private static final String USER = "_User";

    @Inject
    ClassesApi classes;
    @Inject
    UsersApi users;
    @Inject
    MountUrl mountUrl;
    @Context
    HttpServletRequest ctx;

    @POST
    @Path("users")
    public Response signUp() {
        return classes.create(USER, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("users")
    public Response find() {
        return classes.find(USER, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("users/me")
    public Response me() {
        return users.me(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("users/{objectId}")
    public Response get(@PathParam("objectId") String objectId) {
        return classes.get(USER, objectId, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @PUT
    @Path("users/{objectId}")
    public Response update(@PathParam("objectId") String objectId) {
        return classes.update(USER, objectId, ParseRequest.of(ctx)).toResponse();
    }

    @DELETE
    @Path("users/{objectId}")
    public Response delete(@PathParam("objectId") String objectId) {
        return classes.delete(USER, objectId, ParseRequest.of(ctx)).toResponse();
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
