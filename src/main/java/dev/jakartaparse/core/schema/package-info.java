/**
 * Class schemas: the cache of every class's fields, class-level permissions and indexes, schema
 * inference on first write and type lock-in, the /schemas operations, and Parse Server's rules for
 * class and field names and for well-formed class-level permissions.
 *
 * <p>May depend on {@code model}, the storage SPI (schemas are stored through it) and
 * {@code core.security} (the addField permission). Like all of the core it never imports cloud,
 * rest, livequery, jobs, files, bootstrap or a storage implementation (ArchitectureTest).
 *
 * <p>Not yet as issue 18 wants it: the cache is per server and only this server's own changes
 * update it, so a schema change made through another server is not seen.
 */
package dev.jakartaparse.core.schema;
