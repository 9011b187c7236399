package dev.jakartaparse.rest.resources;

import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.schema.SchemaRules;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** REST: /schemas and /purge/{className}, master key only. */
@Path("")
@MasterKeyRequired
public class SchemasResource {

    @Inject
    SchemaController schemas;

    @Context
    HttpServletRequest ctx;

    @GET
    @Path("schemas")
    public Response all() {
        List<Object> results = new ArrayList<>();
        for (ClassSchema s : schemas.all()) {
            results.add(withIndexes(s));
        }
        return Responses.ok(Map.of("results", results));
    }

    @GET
    @Path("schemas/{className}")
    public Response one(@PathParam("className") String className) {
        ClassSchema s = schemas.find(className)
                .orElseThrow(() ->
                        new ParseException(ParseError.INVALID_CLASS_NAME, "Class " + className + " does not exist."));
        return Responses.ok(withIndexes(s));
    }

    @POST
    @Path("schemas")
    public Response createFromBody() {
        return create(null);
    }

    @POST
    @Path("schemas/{className}")
    @SuppressWarnings("unchecked")
    public Response create(@PathParam("className") String pathClass) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> body = req.objectBody();
        String className = className(body, pathClass);
        ClassSchema s = schemas.createClass(
                className, map(body.get("fields")), map(body.get("classLevelPermissions")), map(body.get("indexes")));
        return Responses.ok(withIndexes(s));
    }

    @PUT
    @Path("schemas/{className}")
    public Response update(@PathParam("className") String pathClass) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> body = req.objectBody();
        String className = className(body, pathClass);
        ClassSchema s = schemas.updateClass(
                className, map(body.get("fields")), map(body.get("classLevelPermissions")), map(body.get("indexes")));
        return Responses.ok(withIndexes(s));
    }

    @DELETE
    @Path("schemas/{className}")
    public Response delete(@PathParam("className") String className) {
        SchemaRules.requireValidClassName(className);
        schemas.deleteClass(className);
        return Responses.ok(new LinkedHashMap<>());
    }

    @DELETE
    @Path("purge/{className}")
    public Response purge(@PathParam("className") String className) {
        schemas.purge(className);
        return Responses.ok(new LinkedHashMap<>());
    }

    private static String className(Map<String, Object> body, String pathClass) {
        Object bodyClass = body.get("className");
        if (pathClass != null && bodyClass != null && !pathClass.equals(bodyClass)) {
            throw new ParseException(
                    ParseError.INVALID_CLASS_NAME,
                    "Class name mismatch between " + bodyClass + " and " + pathClass + ".");
        }
        String className = pathClass != null ? pathClass : bodyClass instanceof String s ? s : null;
        if (className == null) {
            throw new ParseException(135, "POST /schemas needs a class name.");
        }
        return className;
    }

    private Map<String, Object> withIndexes(ClassSchema s) {
        return s.toJson(); // indexes as recorded in the schema's metadata, as Parse Server shows them
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof Map)) {
            throw new ParseException(ParseError.INVALID_JSON, "invalid JSON");
        }
        return (Map<String, Object>) o;
    }
}
