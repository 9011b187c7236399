/**
 * The REST API: the JAX-RS application, mapped at the root (a filter strips the mount path, which is
 * an option). Its parts: {@code rest.filters}, what every request goes through first;
 * {@code rest.resources}, thin resources, one per group of routes; {@code rest.operations}, the class
 * and user operations that resources and batch share; {@code rest.support}, the parsed request,
 * responses and errors.
 *
 * <p>With {@code livequery}, the REST packages are the only ones that see servlet or JAX-RS types
 * (ArchitectureTest): they turn HTTP into typed calls (a {@code RequestContext} in each
 * {@code PipelineRequest}) and the answers back into Parse's JSON. They may depend on {@code model},
 * {@code config}, the core, {@code cloud} and {@code cloud.runtime}, {@code files}, {@code jobs},
 * {@code redis} and the storage SPI; never on {@code bootstrap} or a storage implementation
 * (ArchitectureTest). Nothing outside {@code rest} depends on it, and the core never imports it.
 */
package dev.jakartaparse.rest;
