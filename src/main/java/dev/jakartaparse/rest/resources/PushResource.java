package dev.jakartaparse.rest.resources;

import dev.jakartaparse.push.PushService;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * REST: POST /push, master key only (the read-only one is refused): accepts a push and answers
 * {"result":true} with its _PushStatus objectId in X-Parse-Push-Status-Id.
 */
@Path("push")
@MasterKeyRequired
public class PushResource {

    @Inject
    PushService push;

    @Context
    HttpServletRequest ctx;

    @POST
    public Response send() {
        String statusId = push.send(ParseRequest.of(ctx).objectBody());
        return Response.fromResponse(Responses.ok(Map.of("result", true)))
                .header("X-Parse-Push-Status-Id", statusId)
                .build();
    }
}
