package dev.jakartaparse.rest.resources;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.rest.operations.ClassesApi;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
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

import java.util.List;
import java.util.Map;

/**
 * REST: /push_audiences[/{objectId}], master key only: Parse Dashboard's saved push audiences, the
 * class operations of _Audience (as Parse Server's AudiencesRouter), except that reads answer each
 * audience's {@code query} (stored as a JSON string) as an object.
 */
@Path("push_audiences")
@MasterKeyRequired
public class PushAudiencesResource {
    private static final String CLASS = "_Audience";

    @Inject
    ClassesApi classes;

    @Inject
    MountUrl mountUrl;

    @Context
    HttpServletRequest ctx;

    @GET
    @SuppressWarnings("unchecked")
    public Response find() {
        ApiResponse found = classes.find(CLASS, ParseRequest.of(ctx), mountUrl.of(ctx));
        if (found.body() instanceof Map<?, ?> body && body.get("results") instanceof List<?> results) {
            results.forEach(r -> parseQuery((Map<String, Object>) r));
        }
        return found.toResponse();
    }

    @GET
    @Path("{objectId}")
    @SuppressWarnings("unchecked")
    public Response get(@PathParam("objectId") String objectId) {
        ApiResponse found = classes.get(CLASS, objectId, ParseRequest.of(ctx), mountUrl.of(ctx));
        if (found.body() instanceof Map<?, ?> body) {
            parseQuery((Map<String, Object>) body);
        }
        return found.toResponse();
    }

    @POST
    public Response create() {
        return classes.create(CLASS, ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }

    @PUT
    @Path("{objectId}")
    public Response update(@PathParam("objectId") String objectId) {
        return classes.update(CLASS, objectId, ParseRequest.of(ctx)).toResponse();
    }

    @DELETE
    @Path("{objectId}")
    public Response delete(@PathParam("objectId") String objectId) {
        return classes.delete(CLASS, objectId, ParseRequest.of(ctx)).toResponse();
    }

    /** Parse answers the stored string parsed (JSON.parse); one that does not parse stays as it is. */
    private static void parseQuery(Map<String, Object> audience) {
        if (audience.get("query") instanceof String q) {
            try {
                audience.put("query", Json.parse(q));
            } catch (RuntimeException e) {
                // not JSON: left as stored
            }
        }
    }
}
