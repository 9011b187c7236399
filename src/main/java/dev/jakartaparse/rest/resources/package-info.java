/**
 * The JAX-RS resources, one per group of routes (classes, users and sessions, batch, functions,
 * jobs, files, schemas, config, hooks, aggregate, script log, health, the pages account emails link
 * to). Each turns HTTP into a call and the result back into Parse's JSON; the rules belong to the
 * operations and the core, not here.
 *
 * <p>May depend on {@code rest.operations}, {@code rest.support}, {@code rest.filters} (the raw body
 * the request filter kept), {@code model}, {@code config}, the core, {@code cloud.runtime},
 * {@code files}, {@code jobs}, the storage SPI, JAX-RS and servlet; never on {@code bootstrap} or a
 * storage implementation (ArchitectureTest).
 *
 * <p>In flux (issue 18): some resources still call the storage SPI directly (aggregate, config,
 * schemas, batch) and check the master key by hand, and batch routes its sub-requests itself.
 */
package dev.jakartaparse.rest.resources;
