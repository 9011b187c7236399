/**
 * LiveQuery: the WebSocket endpoint (on the REST API's port, at the mount path and at the root), the
 * protocol's operations, the subscriptions (clients with the same query share one), the fan-out of
 * each save or delete to the subscribers who may read it, and the bus that carries events and cache
 * invalidations to every server (inside this JVM, or Redis pub/sub). Writes reach it as the
 * {@code ObjectChanged} and {@code AccessChanged} events the core fires; it never writes.
 *
 * <p>May depend on {@code model}, {@code config}, the core (query matching, the read pipeline's
 * shaping of objects, sessions, schemas, access rules), {@code cloud} and {@code cloud.runtime} (the
 * connect, subscribe and event triggers), {@code redis}, Jakarta WebSocket, and MicroProfile Config
 * (the WebSocket container, not CDI, makes the class that registers the endpoints, so it reads the
 * mount path itself). With {@code rest} it is the only place allowed servlet or JAX-RS types, and it
 * uses neither; the core never imports it (ArchitectureTest).
 *
 * <p>In flux (issue 18): it checks reads itself today (its own {@code _Session} narrowing and
 * protected-field check on subscribe, {@code EventRules} for each event); subscribe and event
 * delivery move behind the core's read guard. Differs from Parse Server: clients cannot subscribe to
 * {@code _Installation}.
 */
package dev.jakartaparse.livequery;
