package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.IdempotencyOptions;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.routing.Route;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request idempotency as Parse Server's promiseEnsureIdempotency: on the routes the route table marks
 * idempotent (object create/update, users, installations, functions, jobs) a request whose
 * X-Parse-Request-Id was seen within the ttl answers 159 "Duplicate request" and does not run. The
 * first one records the id in _Idempotency, whose unique reqId index decides between concurrent
 * duplicates.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class IdempotencyFilter implements ContainerRequestFilter {
    @Inject
    ParseConfig config;

    @Inject
    SystemStore store;

    @Override
    public void filter(ContainerRequestContext ctx) {
        IdempotencyOptions options = config.idempotency();
        String requestId = ctx.getHeaderString("X-Parse-Request-Id");
        if (options == null || requestId == null || requestId.isEmpty() || ParseRequest.of(ctx) == null) {
            return;
        }
        String path = ctx.getUriInfo().getRequestUri().getPath();
        Route route = ParseRoutes.TABLE.find(ctx.getMethod(), path);
        if (route == null || !route.idempotent() || !options.covers(path)) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        String now = ObjectIds.now();
        record.put("objectId", ObjectIds.newObjectId());
        record.put("reqId", requestId);
        record.put("expire", ObjectIds.date(Instant.now().plusSeconds(options.ttlSeconds())));
        record.put("createdAt", now);
        record.put("updatedAt", now);
        if (!store.recordRequest(record)) {
            ctx.abortWith(Responses.error(new ParseException(ParseError.DUPLICATE_REQUEST, "Duplicate request"), true));
        }
    }
}
