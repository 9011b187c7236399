package dev.jakartaparse.rest.resources;

import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.FunctionResult;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** REST: POST /functions/{name}, a Cloud Code function: {"result": ...}, or {} when it gave no result; 141 for an unknown one. */
@Path("functions/{name}")
@ApplicationScoped
public class FunctionsResource {

    @Inject
    CloudCode cloud;

    @POST
    public Response run(@Context HttpServletRequest ctx, @PathParam("name") String name) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> params = new LinkedHashMap<>(req.objectBody());
        FunctionResult result = cloud.runFunction(name, params, req.requestContext(null));
        Map<String, Object> out = new LinkedHashMap<>();
        if (result.present()) {
            out.put("result", result.value());
        }
        return Responses.ok(out);
    }
}
