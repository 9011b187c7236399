/**
 * The system store: the server's own master-level, named access to its internal classes
 * ({@code _GlobalConfig}, {@code _Idempotency}, {@code _JobStatus}, {@code _JobSchedule},
 * {@code _Hooks}; {@code _PushStatus} belongs here too). With the pipelines (and the schema and
 * account code of the core) it is the only way into the store: REST resources and filters, Cloud
 * Code's runtime, jobs, files and LiveQuery never call the storage SPI (ArchitectureTest).
 *
 * <p>May depend on {@code model}, {@code core.schema} and the storage SPI. Like all of the core it
 * never imports cloud, rest, livequery, jobs, files, bootstrap or a storage implementation.
 */
package dev.jakartaparse.core.system;
