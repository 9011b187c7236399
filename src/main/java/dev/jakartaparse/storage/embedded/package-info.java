/**
 * The in-process database used when no databaseURI is set: mongo-java-server on its H2 file
 * backend, listening on loopback, so that the MongoDB adapter (and outside tools, or Parse Server
 * itself) reach it over the MongoDB wire protocol as they reach any MongoDB. Made fast and durable
 * here: queries compiled once per find, documents and index keys stored as BSON, and every write
 * appended to a write-ahead log before it is applied, which a background writer thread of its own
 * folds into the store's file.
 *
 * <p>Not a {@code StorageAdapter}: it is a database, and {@code storage.mongo} is the adapter that
 * talks to it. Depends on nothing of ours (ArchitectureTest), only on mongo-java-server, H2's
 * MVStore and Netty: a library the server uses, whose tests run it on its own. Only
 * {@code bootstrap} may name it (ArchitectureTest).
 *
 * <p>Threads: the one exception to the rule that the server's threads come from the container's
 * managed executors. The checkpoint thread ("parse-embedded-database-writer") is made here, because
 * the container interrupts managed threads when the application stops, and an interrupt during a
 * file write closes H2's file channel (NIO channels close when their thread is interrupted) and
 * breaks the store and the last checkpoint. mongo-java-server's netty threads and H2's own are the
 * libraries'. All of them end in {@code EmbeddedDatabase.close()}, which bootstrap calls when the
 * application stops (RedeployIT checks that none is left).
 *
 * <p>Documents are kept in insertion order, so a find without a sort answers in MongoDB's natural
 * order. Transactions ({@code Transaction}) run one at a time:
 * changes are undone on abort, hidden from other readers until the commit, and logged as one
 * record at the commit.
 *
 * <p>Parse Server has no embedded database. Unlike MongoDB this one has no geo operators, $text or
 * explain (the MongoDB adapter evaluates geo and $text itself), and its log is not fsynced: an
 * acknowledged write survives the process being killed, not the machine failing.
 */
package dev.jakartaparse.storage.embedded;
