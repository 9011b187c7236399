package dev.jakartaparse.rest.operations;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.ParseRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The /classes operations, callable from the JAX-RS resource and from batch alike, so both go
 * through exactly the same code.
 */
@ApplicationScoped
public class ClassesApi {

    @Inject
    ParseConfig config;

    @Inject
    ObjectQuery query;

    @Inject
    ObjectWrite write;

    public ApiResponse find(String className, ParseRequest req, String mountUrl) {
        Map<String, Object> params = req.params();
        Object where = params.get("where");
        if (where instanceof String s) {
            try {
                where = Json.parse(s);
            } catch (ParseException e) {
                throw new ParseException(ParseError.INVALID_JSON, "where parameter is not valid JSON");
            }
        }
        if (where != null && !(where instanceof Map)) {
            throw new ParseException(ParseError.INVALID_QUERY, "where must be an object");
        }
        FindOptions options = FindOptions.fromParams(params, config.maxLimit());
        @SuppressWarnings("unchecked")
        Map<String, Object> w = (Map<String, Object>) where;
        return ApiResponse.ok(
                query.find(new PipelineRequest.Find(className, w, options, req.requestContext(mountUrl))));
    }

    public ApiResponse get(String className, String objectId, ParseRequest req, String mountUrl) {
        FindOptions options = FindOptions.forGet(req.params());
        return ApiResponse.ok(
                query.get(new PipelineRequest.Get(className, objectId, options, req.requestContext(mountUrl))));
    }

    public ApiResponse create(String className, ParseRequest req, String mountUrl) {
        ObjectWrite.Created created =
                write.create(new PipelineRequest.Create(className, req.objectBody(), req.requestContext(mountUrl)));
        // Parse Server names users by their own route, whatever route created them.
        String location =
                mountUrl + ("_User".equals(className) ? "/users/" : "/classes/" + className + "/") + created.objectId();
        return new ApiResponse(created.status(), created.response(), location);
    }

    public ApiResponse update(String className, String objectId, ParseRequest req) {
        return ApiResponse.ok(write.update(
                new PipelineRequest.Update(className, objectId, req.objectBody(), req.requestContext(null))));
    }

    public ApiResponse delete(String className, String objectId, ParseRequest req) {
        write.delete(new PipelineRequest.Delete(className, objectId, req.requestContext(null)));
        return ApiResponse.ok(new LinkedHashMap<>());
    }
}
