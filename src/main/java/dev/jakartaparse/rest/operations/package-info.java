/**
 * The operations behind the class and user routes, written once and called by their JAX-RS
 * resources and by batch alike, so that a sub-request of a batch runs exactly the code its own route
 * runs: find, get, create, update and delete on a class; log-in, log-out and the current user; and
 * the routes Parse gives system classes ({@code /users} is {@code _User} ...).
 *
 * <p>May depend on {@code rest.support}, {@code model}, {@code config}, {@code core.pipeline},
 * {@code core.auth}, {@code core.json}, {@code core.spi} (the log-in triggers), and {@code cloud} and
 * {@code cloud.runtime} (the afterLogout trigger). It uses no servlet or JAX-RS type itself: it takes
 * a {@code ParseRequest} and answers an {@code ApiResponse}.
 */
package dev.jakartaparse.rest.operations;
