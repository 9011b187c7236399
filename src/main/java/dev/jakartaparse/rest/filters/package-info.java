/**
 * What every request goes through before a resource: the servlet filter that strips the mount path
 * and hands JAX-RS a {@code ClientRequest} (raw URI characters encoded, unparseable headers left
 * out), then the JAX-RS filters that read the body once and check the application id and keys the way
 * Parse Server's handleParseHeaders does (making the {@code ParseRequest}), answer a repeated
 * request id with 159 (idempotency), count rate limits ({@code RateLimits}, which batch also calls
 * for each sub-request, on the {@code RoutablePath}), and put the CORS headers on every response.
 *
 * <p>May depend on {@code rest.support}, {@code model}, {@code config}, {@code core.auth}
 * (sessions), {@code core.json}, {@code core.schema}, {@code cloud.runtime} (the rate limits of
 * Cloud Code validators), {@code redis} (counters shared by servers), {@code livequery} (the client of a WebSocket
 * handshake), the storage SPI
 * ({@code _Idempotency}), servlet and JAX-RS.
 *
 * <p>In flux (issue 18): the route knowledge here (path tests, idempotency patterns) is to come from
 * one route table, and the idempotency records from a system store.
 */
package dev.jakartaparse.rest.filters;
