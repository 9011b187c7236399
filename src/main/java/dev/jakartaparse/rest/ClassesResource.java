package dev.jakartaparse.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** REST: /classes/{className}[/{objectId}]. */
@Path("classes/{className}")
public class ClassesResource {

    @Inject
    ClassesApi api;
    @Inject
    MountUrl mountUrl;
    @Context
    HttpServletRequest ctx;

    @GET
    public Response find(@PathParam("className") String className) {
        return api.find(className, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @POST
    public Response create(@PathParam("className") String className) {
        return api.create(className, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @GET
    @Path("{objectId}")
    public Response get(@PathParam("className") String className, @PathParam("objectId") String objectId) {
        return api.get(className, objectId, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @PUT
    @Path("{objectId}")
    public Response update(@PathParam("className") String className, @PathParam("objectId") String objectId) {
        return api.update(className, objectId, ParseRequest.of(ctx)).toResponse();
    }

    @DELETE
    @Path("{objectId}")
    public Response delete(@PathParam("className") String className, @PathParam("objectId") String objectId) {
        return api.delete(className, objectId, ParseRequest.of(ctx)).toResponse();
    }
}
