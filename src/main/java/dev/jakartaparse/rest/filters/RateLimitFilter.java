package dev.jakartaparse.rest.filters;

import dev.jakartaparse.cloud.Validator;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudCodeExtension;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.config.RateLimitRule;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.rest.routing.ParseRoutes;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parse Server's rateLimit option, and the rateLimit of Cloud Code validators: over
 * {@code requestCount} requests in a window on a matching
 * path answers 429 {"code":100,"error":"Too many requests."}. Like Parse Server it leaves out the
 * master key and requests from 127.0.0.1 unless a rule includes them. Counts are kept in memory,
 * per server.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION + 10)
public class RateLimitFilter implements ContainerRequestFilter {

    @Inject
    ParseConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    CloudCode cloud;

    @Context
    HttpServletRequest http;

    private volatile List<RateLimitRule> rules;

    @Override
    public void filter(ContainerRequestContext ctx) {
        List<RateLimitRule> rules = rules();
        ParseRequest req = ParseRequest.of(ctx);
        if (rules.isEmpty() || req == null) {
            return;
        }
        String path = ctx.getUriInfo().getRequestUri().getPath();
        String ip = http == null ? "unknown" : http.getRemoteAddr();
        boolean internal = "127.0.0.1".equals(ip);
        Auth auth = req.auth();
        for (int i = 0; i < rules.size(); i++) {
            RateLimitRule rule = rules.get(i);
            if (!rule.applies(ctx.getMethod(), path)
                    || internal && !rule.includeInternalRequests()
                    || auth.master() && !rule.includeMasterKey()) {
                continue;
            }
            if (!limiter.tryAcquire(i, rule, key(rule, auth, ip))) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("code", 100);
                body.put("error", rule.errorResponseMessage());
                ctx.abortWith(Responses.json(429, body));
                return;
            }
        }
    }

    /** The rateLimit option's rules, then those Cloud Code validators declare; both fixed at deployment. */
    private List<RateLimitRule> rules() {
        if (rules == null) {
            List<RateLimitRule> all = new ArrayList<>(config.rateLimits());
            for (CloudCodeExtension.Entry e : cloud.rateLimited()) {
                all.add(validatorRule(e));
            }
            rules = List.copyOf(all);
        }
        return rules;
    }

    /** A validator's rateLimit guards its function's or trigger's route, which the route table gives. */
    private static RateLimitRule validatorRule(CloudCodeExtension.Entry e) {
        ParseRoutes.GuardedPath route = ParseRoutes.rateLimited(e.kind(), e.name());
        Validator.RateLimit l = e.rateLimit();
        return RateLimitRule.forRoute(
                route.path(),
                route.methods(),
                l.requestTimeWindow(),
                l.requestCount(),
                l.errorResponseMessage(),
                l.includeMasterKey(),
                l.includeInternalRequests());
    }

    private static String key(RateLimitRule rule, Auth auth, String ip) {
        return switch (rule.zone()) {
            case "global" -> "global";
            case "session" -> auth.sessionToken() != null ? "s:" + auth.sessionToken() : ip;
            case "user" -> auth.userId() != null ? "u:" + auth.userId() : ip;
            default -> ip;
        };
    }
}
