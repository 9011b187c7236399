/**
 * The Cloud Code runtime: the CDI extension that finds the annotated methods at deployment (a
 * mistake stops it), the registry that runs functions, triggers and jobs after their validators on
 * managed threads within cloudCodeTimeout, the interceptor that runs the save, delete and find
 * triggers around the pipelines' entry points, the log-in triggers, webhooks (kept in
 * {@code _Hooks}), the in-process {@code ServerApi} and the script log.
 *
 * <p>May depend on {@code cloud}, {@code model}, {@code config}, the core ({@code pipeline},
 * {@code spi}, {@code auth}, {@code schema}, {@code json}) and the storage SPI (for {@code _Hooks}),
 * and on CDI, interceptors, Jakarta Concurrency and the JDK's HTTP client (webhooks). Never on
 * {@code rest}, {@code livequery}, {@code jobs} or {@code files}: they call it, and the other way
 * would be a cycle. It plugs into the core only through the ports of {@code core.spi}
 * ({@code CloudTriggers}, {@code LoginTriggers}); the core never imports it (ArchitectureTest).
 *
 * <p>As in Parse Server, a {@code ParseException} thrown by Cloud Code reaches the client as it is
 * and any other exception becomes 141. Unlike it, the script log is the last lines kept in memory by
 * each server, and other servers see a changed webhook within five seconds.
 */
package dev.jakartaparse.cloud.runtime;
