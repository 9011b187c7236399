package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.jakartaparse.core.DaemonThreads;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-process database used when no databaseURI is configured: mongo-java-server with its H2
 * file backend, listening on loopback only, so the real MongoDB driver (and outside tools, or the
 * real Parse Server) talk to it over TCP exactly as to a MongoDB server.
 *
 * <p>Durability: {@link #commit()} is called after each acknowledged write so that the write is in
 * the file before the client hears about it (a kill -9 cannot lose it). A background thread of
 * ours commits what outside tools wrote (every commit delay) and compacts the file.
 *
 * <p>H2's own background writer is off: with it, every commit, ours included, was handed to two
 * more threads of H2 (one serializes the pages, one writes them) and waited for both. On a machine
 * with few cores each hand-off waits for a core, and a create spent more time waiting than working.
 * Without it H2 serializes and writes on the committing thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private static final int RETENTION_MS = 1000;
    /**
     * A commit writes every page it changed again, whole: the leaf of each document and index key
     * written, and the leaves of H2's chunk list that record which chunks lost pages. With H2's
     * default of 48 entries a page, that was most of what a create cost; 16 cut the store's CPU per
     * create by about a tenth (pages only split as they grow, so a file written before is fine).
     */
    private static final int KEYS_PER_PAGE = 16;
    /**
     * Each commit is a chunk of its own, and a chunk stays in the file while any page in it is still
     * live: without compaction, thousands of nearly empty chunks, whose bookkeeping every commit
     * rewrites. Once a second, chunks under this fill rate have their live pages moved (at most
     * COMPACT_BYTES of them), so that the old chunks can be dropped.
     */
    private static final int COMPACT_FILL_RATE = 50;
    private static final int COMPACT_BYTES = 1 << 20;

    private final MongoServer server;
    private final MVStore store;
    private final H2Backend backend;
    private final String connectionString;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("embedded-database-writer"));

    public EmbeddedDatabase(Path folder, int port, int commitDelayMs) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the embedded database folder " + folder, e);
        }
        Path file = folder.resolve("parse.mv");
        this.store = new MVStore.Builder().fileName(file.toString()).keysPerPage(KEYS_PER_PAGE).open();
        store.setAutoCommitDelay(0); // no H2 background writer: see the class comment
        // Each acknowledged write is a commit, so a chunk of its own. H2 keeps replaced chunks for
        // 45 s by default (against file systems that reorder writes on power loss, which the commit
        // without fsync does not claim to survive anyway): under load that meant tens of thousands of
        // chunks, which its housekeeping walked again and again, and a file growing by hundreds of MB.
        store.setRetentionTime(RETENTION_MS);
        this.backend = new TunedH2Backend(store);
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        int delay = Math.max(1, commitDelayMs);
        writer.scheduleWithFixedDelay(() -> inBackground(store::commit), delay, delay, TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(() -> inBackground(() -> store.compact(COMPACT_FILL_RATE, COMPACT_BYTES)),
                1, 1, TimeUnit.SECONDS);
        LOG.info("Embedded database (mongo-java-server, H2 file " + file.toAbsolutePath() + ") listening on "
                + connectionString);
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Makes every write so far durable in the file: it survives a kill -9 of this process (it is in
     * the operating system's hands; there is no fsync, which only a power loss would need).
     *
     * <p>Every commit, whichever thread makes it, writes its chunk before it lets go of the store
     * lock. So when commit() finds nothing unsaved, the commit that took our write has written it.
     */
    public void commit() {
        store.commit();
    }

    private static void inBackground(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // the next round tries again; a failing store also fails the requests' own commits
            LOG.log(Level.WARNING, "Embedded database background commit or compaction failed", e);
        }
    }

    /** For tests. */
    MVStore store() {
        return store;
    }

    @Override
    public void close() {
        writer.shutdown(); // not shutdownNow: an interrupt in the middle of a file write would break the store
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        backend.close();
    }
}
