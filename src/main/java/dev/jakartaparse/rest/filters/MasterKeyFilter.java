package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.routing.MasterOnly;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.routing.Route;
import dev.jakartaparse.rest.support.HttpError;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs before the resource methods marked {@link MasterKeyRequired} and answers for them when the
 * caller lacks the master key the route needs, or brings the read-only one to a route that writes:
 * the route's {@link MasterOnly} rule, from the route table, says which.
 */
@Provider
@MasterKeyRequired
@Priority(Priorities.AUTHORIZATION)
public class MasterKeyFilter implements ContainerRequestFilter {

    @Inject
    ParseConfig config;

    @Override
    public void filter(ContainerRequestContext ctx) {
        ParseRequest request = ParseRequest.of(ctx);
        Auth auth = request == null ? null : request.auth();
        // JAX-RS answers HEAD with the GET method.
        String method = "HEAD".equals(ctx.getMethod()) ? "GET" : ctx.getMethod();
        Route route = ParseRoutes.TABLE.find(method, ctx.getUriInfo().getPath());
        try {
            if (route == null || route.masterOnly() == null) {
                // Cannot happen (RouteTableTest): a marked method without its master-only route is master-only.
                if (auth == null || !auth.master()) {
                    throw HttpError.masterKeyRequired();
                }
                return;
            }
            route.masterOnly().check(auth);
        } catch (HttpError | ParseException e) {
            ctx.abortWith(Responses.error(e, config.enableSanitizedErrorResponse()));
        }
    }
}
