/**
 * The one read path ({@code ObjectQuery}: find, get and count, with include and subqueries) and the
 * one write path ({@code ObjectWrite}: create, update, delete), whatever the route: REST, batch or
 * Cloud Code's ServerApi. Their entry points take a typed {@code PipelineRequest} holding a
 * {@code RequestContext} (caller, client, Cloud Code context), and carry the
 * {@code core.spi.CloudTriggers} binding, so that Cloud Code's triggers run around them without the
 * pipelines knowing Cloud Code. Also here: the checks of a client's input (query shape, values,
 * request complexity, denied keywords) and the options of a find.
 *
 * Every check of who may read or write what is the guards' of {@code core.security}; what is
 * special about {@code _User}, {@code _Session} or {@code _Role} comes from their class rules
 * ({@code core.spi.ClassRules}), so the pipelines name no class.
 *
 * <p>May depend on {@code model}, {@code config}, the storage SPI, {@code core.schema},
 * {@code core.security}, {@code core.query} and {@code core.spi}, and on CDI (after a write it fires
 * {@code ObjectChanged} and {@code AccessChanged}); never on {@code core.auth} or {@code core.classes}. Like all of the core it never imports cloud,
 * rest, livequery, jobs, files, bootstrap or a storage implementation, and sees no servlet or JAX-RS
 * type (ArchitectureTest).
 *
 * <p>Deliberate difference: {@code order=$score} or {@code keys=$score} without a {@code $text}
 * constraint is ignored; Parse Server on MongoDB passes it to the database, which refuses it (500).
 */
package dev.jakartaparse.core.pipeline;
