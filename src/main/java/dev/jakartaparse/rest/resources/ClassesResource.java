package dev.jakartaparse.rest.resources;

import dev.jakartaparse.rest.operations.ClassesApi;
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
 * REST: /classes/{className}[/{objectId}]. One instance serves all requests, each method taking its
 * request as a parameter: no bean to create and no context proxy to build per request (the same for
 * the other busiest resources).
 */
@Path("classes/{className}")
@ApplicationScoped
public class ClassesResource {

    @Inject
    ClassesApi api;

    @Inject
    MountUrl mountUrl;

    @GET
    public Response find(@Context HttpServletRequest ctx, @PathParam("className") String className) {
        return api.find(className, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    public Response create(@Context HttpServletRequest ctx, @PathParam("className") String className) {
        return api.create(className, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("{objectId}")
    public Response get(
            @Context HttpServletRequest ctx,
            @PathParam("className") String className,
            @PathParam("objectId") String objectId) {
        return api.get(className, objectId, ParseRequest.of(ctx), mountUrl.of(ctx))
                .toResponse();
    }

    @PUT
    @Path("{objectId}")
    public Response update(
            @Context HttpServletRequest ctx,
            @PathParam("className") String className,
            @PathParam("objectId") String objectId) {
        return api.update(className, objectId, ParseRequest.of(ctx)).toResponse();
    }

    @DELETE
    @Path("{objectId}")
    public Response delete(
            @Context HttpServletRequest ctx,
            @PathParam("className") String className,
            @PathParam("objectId") String objectId) {
        return api.delete(className, objectId, ParseRequest.of(ctx)).toResponse();
    }
}
