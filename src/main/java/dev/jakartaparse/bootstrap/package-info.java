/**
 * Start-up: reads the configuration at deployment (a bad option stops the application with one
 * line naming it), chooses and opens the store (the MongoDB at databaseURI, or the embedded
 * database), produces the {@code StorageAdapter} and {@code FilesAdapter} everyone else injects, and
 * makes the indexes Parse Server makes.
 *
 * <p>The one package that names adapter implementations ({@code storage.mongo},
 * {@code storage.embedded}, {@code GridFsFilesAdapter}), so it may depend on anything; nothing
 * depends on it (ArchitectureTest). Today it uses {@code config}, {@code model}, the storage SPI and
 * its implementations, {@code files}, {@code core.schema} and the MongoDB driver.
 */
package dev.jakartaparse.bootstrap;
