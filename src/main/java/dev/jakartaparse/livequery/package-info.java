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
 * mount path itself). It sees no servlet or JAX-RS type; the core never imports it (ArchitectureTest).
 *
 * <p>Who may subscribe, and which subscriber may see which event, is the core's read guard's
 * ({@code core.security.ReadGuard}: the same sequence as a query); {@code EventRules} only names
 * the kind of event (create, enter, update, leave) and applies the watch list. Differs from Parse
 * Server: clients cannot subscribe to {@code _Installation}.
 *
 * <p>Threads: its executors (the fan-out shards, the in-VM delivery, the send overflow, the pinger)
 * and the Redis subscriber take their threads from the container's managed thread factory, with the
 * same structure as before (no hand-off or lock per event), named {@code parse-livequery-*}, and
 * stop and await them when the application stops. Unit tests pass a plain thread factory.
 */
package dev.jakartaparse.livequery;
