package dev.jakartaparse.rest.resources;

import dev.jakartaparse.rest.operations.ClassesApi;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
import jakarta.enterprise.context.ApplicationScoped;
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

/**
 * REST: /users, /sessions, /roles and /installations [/{objectId}], the routes Parse Server gives
 * those classes; they are the class operations of /classes/_User, _Session, _Role and _Installation
 * (POST /users signs up). The route table names the class of each.
 */
@Path("")
@ApplicationScoped
public class ClassAliasesResource {

    @Inject
    ClassesApi classes;

    @Inject
    MountUrl mountUrl;

    @GET
    @Path("{alias: users|sessions|roles|installations}")
    public Response find(@Context HttpServletRequest ctx, @PathParam("alias") String alias) {
        return classes.find(ParseRoutes.classOf(alias), ParseRequest.of(ctx), mountUrl.of(ctx))
                .toResponse();
    }

    @POST
    @Path("{alias: users|sessions|roles|installations}")
    public Response create(@Context HttpServletRequest ctx, @PathParam("alias") String alias) {
        return classes.create(ParseRoutes.classOf(alias), ParseRequest.of(ctx), mountUrl.of(ctx))
                .toResponse();
    }

    @GET
    @Path("{alias: users|sessions|roles|installations}/{objectId}")
    public Response get(
            @Context HttpServletRequest ctx, @PathParam("alias") String alias, @PathParam("objectId") String objectId) {
        return classes.get(ParseRoutes.classOf(alias), objectId, ParseRequest.of(ctx), mountUrl.of(ctx))
                .toResponse();
    }

    @PUT
    @Path("{alias: users|sessions|roles|installations}/{objectId}")
    public Response update(
            @Context HttpServletRequest ctx, @PathParam("alias") String alias, @PathParam("objectId") String objectId) {
        return classes.update(ParseRoutes.classOf(alias), objectId, ParseRequest.of(ctx))
                .toResponse();
    }

    @DELETE
    @Path("{alias: users|sessions|roles|installations}/{objectId}")
    public Response delete(
            @Context HttpServletRequest ctx, @PathParam("alias") String alias, @PathParam("objectId") String objectId) {
        return classes.delete(ParseRoutes.classOf(alias), objectId, ParseRequest.of(ctx))
                .toResponse();
    }
}
