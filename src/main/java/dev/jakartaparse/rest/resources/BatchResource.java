package dev.jakartaparse.rest.resources;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import dev.jakartaparse.rest.operations.BatchApi;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;

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
