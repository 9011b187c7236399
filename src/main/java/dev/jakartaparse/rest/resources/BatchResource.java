package dev.jakartaparse.rest.resources;

import dev.jakartaparse.rest.filters.RateLimits;
import dev.jakartaparse.rest.operations.BatchApi;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/** REST: POST /batch, run by {@link BatchApi} through the route table. */
@Path("batch")
@ApplicationScoped
public class BatchResource {

    @Inject
    BatchApi batch;

    @Inject
    MountUrl mountUrl;

    @Inject
    RateLimits rateLimits;

    @POST
    public Response batch(@Context HttpServletRequest ctx) {
        ParseRequest req = ParseRequest.of(ctx);
        // each sub-request counts against the rate limits of its own route, as in Parse Server
        BatchApi.Gate gate = subRequests -> rateLimits.chargeBatch(subRequests, req.auth(), ctx.getRemoteAddr());
        return batch.run(req, mountUrl.of(ctx), gate).toResponse();
    }
}
