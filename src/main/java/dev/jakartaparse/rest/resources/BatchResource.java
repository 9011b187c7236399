package dev.jakartaparse.rest.resources;

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

    @POST
    public Response batch(@Context HttpServletRequest ctx) {
        return batch.run(ParseRequest.of(ctx), mountUrl.of(ctx)).toResponse();
    }
}
