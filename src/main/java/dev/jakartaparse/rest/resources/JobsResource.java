package dev.jakartaparse.rest.resources;

import dev.jakartaparse.jobs.JobLauncher;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;

/**
 * REST: POST /jobs/{name} and POST /jobs (name in the body's jobName), master key only: starts the
 * job in the background and answers {} with its _JobStatus objectId in X-Parse-Job-Status-Id.
 */
@Path("jobs")
@MasterKeyRequired
public class JobsResource {

    @Inject
    JobLauncher launcher;

    @Context
    HttpServletRequest ctx;

    @POST
    @Path("{name}")
    public Response run(@PathParam("name") String name) {
        return start(name);
    }

    @POST
    public Response runNamedInBody() {
        Object name = ParseRequest.of(ctx).objectBody().get("jobName");
        return start(name instanceof String s ? s : null);
    }

    private Response start(String name) {
        ParseRequest req = ParseRequest.of(ctx);
        String statusId = launcher.start(name, req.params(), JobLauncher.SOURCE_API);
        return Response.fromResponse(Responses.ok(new LinkedHashMap<>()))
                .header("X-Parse-Job-Status-Id", statusId)
                .build();
    }
}
