package dev.jakartaparse.rest.resources;

import dev.jakartaparse.analytics.AnalyticsEvents;
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

import java.time.Instant;
import java.util.Map;

/**
 * REST: POST /events/{eventName} (AppOpened among them), an analytics event; answered {} whatever
 * the body holds, as Parse Server answers.
 */
@Path("events/{eventName}")
@ApplicationScoped
public class EventsResource {

    @Inject
    AnalyticsEvents events;

    @POST
    public Response track(@Context HttpServletRequest ctx, @PathParam("eventName") String eventName) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> body = req.body() == null ? Map.of() : req.body();
        events.report(eventName, body, req.auth().installationId(), Instant.now());
        return Responses.ok(Map.of());
    }
}
