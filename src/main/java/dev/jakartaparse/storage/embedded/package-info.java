/**
 * The in-process database used when no databaseURI is set: mongo-java-server on its H2 file
 * backend, listening on loopback, so that the MongoDB adapter (and outside tools, or Parse Server
 * itself) reach it over the MongoDB wire protocol as they reach any MongoDB. Made fast and durable
 * here: queries compiled once per find, documents and index keys stored as BSON, and every write
 * appended to a write-ahead log before it is applied, which a background writer thread of its own
 * folds into the store's file.
 *
 * <p>Not a {@code StorageAdapter}: it is a database, and {@code storage.mongo} is the adapter that
 * talks to it. May depend on {@code core} (its writer thread is named by {@code DaemonThreads}),
 * mongo-java-server, H2's MVStore and Netty. Only {@code bootstrap} may name it (ArchitectureTest).
 *
 * <p>Parse Server has no embedded database. Unlike MongoDB this one has no geo operators, $text,
 * transactions or explain (the MongoDB adapter evaluates geo and $text itself), and its log is not
 * fsynced: an acknowledged write survives the process being killed, not the machine failing.
 */
package dev.jakartaparse.storage.embedded;
