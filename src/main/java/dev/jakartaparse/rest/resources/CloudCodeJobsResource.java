package dev.jakartaparse.rest.resources;

import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.jobs.JobSchedule;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.MountUrl;
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

/**
 * REST: /cloud_code/jobs, where Parse Dashboard lists the deployed jobs and keeps their schedules
 * (_JobSchedule), master key only. Schedules are written through the write pipeline; the values
 * that say when to run are checked here, so that a schedule that cannot run is refused.
 */
@Path("cloud_code/jobs")
@MasterKeyRequired
public class CloudCodeJobsResource {
    private static final String CLASS = "_JobSchedule";

    /**
     * The fields of a schedule that Parse Dashboard's form sets. It sends the whole schedule on an
     * edit and leaves out what the user cleared (no repeat: no repeatMinutes or timeOfDay).
     */
    private static final List<String> FORM_FIELDS =
            List.of("description", "params", "timeOfDay", "daysOfWeek", "repeatMinutes");

    @Inject
    CloudCode cloud;

    @Inject
    ObjectQuery query;

    @Inject
    ObjectWrite write;

    @Inject
    ParseConfig config;

    @Inject
    MountUrl mountUrl;

    @Context
    HttpServletRequest ctx;

    @GET
    public Response schedules() {
        return Responses.ok(findSchedules(master()));
    }

    /** The deployed jobs, and the ones that have a schedule. */
    @GET
    @Path("data")
    public Response data() {
        List<Object> inUse = new ArrayList<>();
        findSchedules(master()).forEach(s -> inUse.add(s.get("jobName")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("in_use", inUse);
        out.put("jobs", cloud.jobNames().stream().sorted().toList());
        return Responses.ok(out);
    }

    @POST
    public Response create() {
        ParseRequest req = master();
        Map<String, Object> schedule = scheduleFrom(req);
        if (!schedule.containsKey("jobName")) {
            throw new ParseException(ParseError.INVALID_VALUE, "job_schedule.jobName is required");
        }
        ObjectWrite.Created created =
                write.create(new PipelineRequest.Create(CLASS, schedule, req.requestContext(mountUrl.of(ctx))));
        return new ApiResponse(
                        201, created.response(), mountUrl.of(ctx) + "/classes/" + CLASS + "/" + created.objectId())
                .toResponse();
    }

    @PUT
    @Path("{objectId}")
    public Response update(@PathParam("objectId") String objectId) {
        ParseRequest req = master();
        Map<String, Object> schedule = scheduleFrom(req);
        // An edit replaces the schedule, as the Dashboard means it; Parse Server merges, which
        // keeps a schedule repeating after the user turned repeating off.
        FORM_FIELDS.forEach(field -> schedule.putIfAbsent(field, Map.of("__op", "Delete")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "response",
                write.update(new PipelineRequest.Update(CLASS, objectId, schedule, req.requestContext(null))));
        return Responses.ok(out);
    }

    @DELETE
    @Path("{objectId}")
    public Response delete(@PathParam("objectId") String objectId) {
        ParseRequest req = master();
        write.delete(new PipelineRequest.Delete(CLASS, objectId, req.requestContext(null)));
        return Responses.ok(new LinkedHashMap<>());
    }

    /** The request, whose master key MasterKeyFilter has checked. */
    private ParseRequest master() {
        return ParseRequest.of(ctx);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> findSchedules(ParseRequest req) {
        FindOptions options = FindOptions.fromParams(Map.of(), config.maxLimit());
        Map<String, Object> found =
                query.find(new PipelineRequest.Find(CLASS, Map.of(), options, req.requestContext(mountUrl.of(ctx))));
        return (List<Map<String, Object>>) found.get("results");
    }

    /** The body's job_schedule, checked; startAfter defaults to now, as in Parse Server. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> scheduleFrom(ParseRequest req) {
        if (!(req.objectBody().get("job_schedule") instanceof Map<?, ?> given)) {
            throw new ParseException(ParseError.INVALID_JSON, "job_schedule must be an object");
        }
        Map<String, Object> schedule = new LinkedHashMap<>((Map<String, Object>) given);
        Object jobName = schedule.get("jobName");
        if (jobName != null && !cloud.jobNames().contains(jobName)) {
            // Parse Server answers this with HTTP 500; it is the client's mistake, so 400 here.
            throw new ParseException(
                    ParseError.INTERNAL_SERVER_ERROR, "Cannot Schedule a job that is not deployed", 400);
        }
        JobSchedule.validate(schedule);
        schedule.putIfAbsent("startAfter", ObjectIds.now());
        return schedule;
    }
}
