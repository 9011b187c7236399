package dev.jakartaparse.rest.filters;

import dev.jakartaparse.cloud.Validator;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudCodeExtension;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.config.RateLimitRule;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.ParseRoutes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Parse Server's rateLimit option and the rateLimit of Cloud Code validators: which rules a request
 * counts against, and whether one of them is used up. A request is matched on its
 * {@link RoutablePath}, so path parameters, doubled slashes or encoded letters do not slip past a
 * rule; a batch counts each sub-request against the rules of the route it names, as Parse Server 9.10
 * does. Like Parse Server it leaves out the master key and requests from 127.0.0.1 unless a rule
 * includes them.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    ParseConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    CloudCode cloud;

    private volatile List<RateLimitRule> rules;

    /**
     * Counts a request against every rule of its route.
     *
     * @param rawPath the path below the mount, as sent
     * @return the first rule whose window is used up, or null
     */
    public RateLimitRule charge(String method, String rawPath, Auth auth, String ip) {
        return charge(method, rawPath, auth, ip, false);
    }

    /**
     * Counts a batch's sub-requests before any of them runs; one over a limit fails the whole batch
     * with Parse Server's 100 and the rule's message.
     *
     * @param subRequests method and path (below the mount) of each sub-request
     */
    public void chargeBatch(List<String[]> subRequests, Auth auth, String ip) {
        for (String[] sub : subRequests) {
            RateLimitRule exceeded = charge(sub[0], sub[1], auth, ip, true);
            if (exceeded != null) {
                throw new ParseException(ParseError.CONNECTION_FAILED, exceeded.errorResponseMessage());
            }
        }
    }

    private RateLimitRule charge(String method, String rawPath, Auth auth, String ip, boolean inBatch) {
        List<RateLimitRule> all = rules();
        if (all.isEmpty()) {
            return null;
        }
        String path = RoutablePath.of(rawPath);
        boolean internal = "127.0.0.1".equals(ip);
        for (int i = 0; i < all.size(); i++) {
            RateLimitRule rule = all.get(i);
            boolean matches = inBatch ? rule.appliesInBatch(method, path) : rule.applies(method, path);
            if (!matches || internal && !rule.includeInternalRequests() || auth.master() && !rule.includeMasterKey()) {
                continue;
            }
            if (!limiter.tryAcquire(i, rule, key(rule, auth, ip))) {
                return rule;
            }
        }
        return null;
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
