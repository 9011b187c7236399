/**
 * The storage SPI: {@code StorageAdapter}, shaped after Parse Server's storage adapter, and the
 * options of a find. It speaks Parse's REST value format only, with no database types, so that
 * another database (SQL) can sit behind it.
 *
 * <p>Depends on {@code model} only (ArchitectureTest). Its implementations, the MongoDB adapter in
 * {@code storage.mongo} and the in-process database in {@code storage.embedded}, are named by
 * {@code bootstrap} alone; everyone else injects a {@code StorageAdapter}.
 *
 * <p>Not yet as DESIGN.md wants it: besides the pipelines, {@code core.auth}, {@code core.schema},
 * webhooks ({@code cloud.runtime}), {@code jobs}, the idempotency filter and some REST resources call
 * this SPI directly; issue 18 leaves that to the pipelines and a system store.
 */
package dev.jakartaparse.storage;
