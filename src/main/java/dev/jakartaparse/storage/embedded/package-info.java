/**
 * The embedded database: an in-process MongoDB-wire-protocol server (mongo-java-server) over an H2
 * file, used when no databaseURI is configured. The server reaches it like any MongoDB, through
 * the driver and {@code storage.mongo}; bootstrap opens and closes it.
 *
 * <ul>
 *   <li>{@link dev.jakartaparse.storage.embedded.EmbeddedDatabase}: opens the store, listens on
 *       loopback, makes the checkpoints, recovers after a crash.</li>
 *   <li>{@link dev.jakartaparse.storage.embedded.TunedH2Backend}: mongo-java-server's H2 backend made
 *       faster with the same results (compiled queries, sorts, BSON storage).</li>
 *   <li>{@link dev.jakartaparse.storage.embedded.WriteAheadLog}: what makes an acknowledged write
 *       survive a kill -9.</li>
 *   <li>{@code H2Bson}, {@code BsonDocumentType}, {@code KeyValueType}, {@code CompiledQuery}: storage
 *       formats and the query compiler.</li>
 * </ul>
 *
 * Depends on nothing of ours, only on mongo-java-server, H2 and netty: it is a library the server
 * uses, and its tests run it on its own.
 *
 * <p>Threads: the one exception to the rule that the server's threads come from the container's
 * managed executors. The checkpoint thread ("parse-embedded-database-writer") is made here, because
 * the container interrupts managed threads when the application stops, and an interrupt during a
 * file write closes H2's file channel and breaks the store; mongo-java-server's netty threads and
 * H2's own are the libraries'. All of them end in {@code EmbeddedDatabase.close()}, which bootstrap
 * calls when the application stops (RedeployIT checks that none is left).
 */
package dev.jakartaparse.storage.embedded;
