/**
 * What the REST packages share: the request as the filter parsed it ({@code ParseRequest}: body,
 * parameters, {@code Auth}, and the {@code RequestContext} it makes for the pipelines), responses in
 * Parse's shapes, the mappers that turn every failure into {@code {"code":N,"error":"..."}} (never a
 * stack trace), HTTP-level refusals, the server's URL as the client reached it, masterKeyIps
 * matching, and the pages that account emails link to.
 *
 * <p>May depend on {@code model}, {@code config}, {@code core.auth} (the email pages),
 * {@code core.json}, JAX-RS and servlet; not on the other REST packages.
 */
package dev.jakartaparse.rest.support;
