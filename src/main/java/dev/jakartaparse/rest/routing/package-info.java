/**
 * Parse's REST routes, declared once: {@link dev.jakartaparse.rest.routing.ParseRoutes#TABLE}, an
 * immutable {@link dev.jakartaparse.rest.routing.RouteTable} of {@link dev.jakartaparse.rest.routing.Route}s
 * (method, path template with its parameters, what the route serves, whether it needs the keys or the
 * master key, whether idempotency applies). Everything that needs to know Parse's paths asks it: the
 * request filter (routes that need no keys, log-in), the idempotency filter, the master-key filter,
 * batch (which matches and dispatches each sub-request through it), and the rate limits that Cloud
 * Code validators declare (the route of a trigger kind).
 *
 * <p>The JAX-RS resources keep their own {@code @Path} annotations, which JAX-RS needs; a test checks
 * that the resources and the table list the same method and path pairs, and the same master-only
 * routes ({@link dev.jakartaparse.rest.routing.MasterKeyRequired}).
 *
 * <p>May depend on the model, {@code rest.support} (the errors it answers with) and
 * {@code cloud.runtime} (trigger kinds); never on the resources, filters or operations that consult it.
 *
 * <p>Deliberate differences from Parse Server: paths match case-sensitively (Express matches them
 * ignoring case).
 */
package dev.jakartaparse.rest.routing;
