package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.RateLimitRule;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts every request with keys against the {@link RateLimits} of its route: over
 * {@code requestCount} requests in a window answers 429 {"code":100,"error":"Too many requests."}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION + 10)
public class RateLimitFilter implements ContainerRequestFilter {

    @Inject
    RateLimits limits;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext ctx) {
        ParseRequest req = ParseRequest.of(ctx);
        if (req == null) {
            return;
        }
        String ip = http == null ? "unknown" : http.getRemoteAddr();
        RateLimitRule exceeded =
                limits.charge(ctx.getMethod(), ctx.getUriInfo().getRequestUri().getRawPath(), req.auth(), ip);
        if (exceeded != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", 100);
            body.put("error", exceeded.errorResponseMessage());
            ctx.abortWith(Responses.json(429, body));
        }
    }
}
