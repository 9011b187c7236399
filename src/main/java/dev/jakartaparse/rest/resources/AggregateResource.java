package dev.jakartaparse.rest.resources;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** REST: GET /aggregate/{className} with pipeline or distinct (master key), as Parse Server's AggregateRouter. */
@Path("aggregate/{className}")
@MasterKeyRequired
public class AggregateResource {

    @Inject
    SchemaController schemas;

    @Inject
    ObjectQuery query;

    @Context
    HttpServletRequest ctx;

    @GET
    @SuppressWarnings("unchecked")
    public Response aggregate(@PathParam("className") String className) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> params = req.params();
        Object where = params.get("where");
        if (where instanceof String s) {
            where = Json.parse(s);
        }
        Map<String, Object> w = where instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
        Object results;
        if (params.get("distinct") != null) {
            results = query.distinct(className, w, String.valueOf(params.get("distinct")), req.auth());
        } else {
            results = query.aggregate(
                    className,
                    w,
                    pipeline(params.get("pipeline")),
                    params.get("hint"),
                    Boolean.TRUE.equals(params.get("explain")),
                    req.auth());
        }
        return Responses.ok(Map.of("results", results));
    }

    /** The pipeline as an array of stages; Parse also accepts an object whose keys are stages. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pipeline(Object p) {
        List<Map<String, Object>> stages = new ArrayList<>();
        if (p instanceof List<?> list) {
            for (Object s : list) {
                if (!(s instanceof Map<?, ?> m) || m.size() != 1) {
                    throw new ParseException(
                            ParseError.INVALID_QUERY,
                            "Pipeline stages should only have one key found "
                                    + (s instanceof Map<?, ?> mm ? String.join(", ", (Set<String>) mm.keySet()) : s));
                }
                stages.add((Map<String, Object>) m);
            }
        } else if (p instanceof Map<?, ?> m) {
            m.forEach((k, v) -> stages.add(Map.of(String.valueOf(k), v)));
        } else if (p != null) {
            throw new ParseException(ParseError.INVALID_QUERY, "Invalid pipeline");
        }
        return stages;
    }
}
