package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import dev.jakartaparse.core.DaemonThreads;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * <p>Durability: every write command, whoever sends it, is appended to a {@link WriteAheadLog}
 * before it is applied and answered, so a kill -9 cannot lose an acknowledged write. Committing
 * H2's pages for each write instead cost most of a create: a commit writes every page it changed
 * again, whole, and the bookkeeping of the chunk it makes. Every commit delay a background thread
 * of ours makes one checkpoint: it commits the store (with the generation of the log it holds) and
 * empties the log; once a second it also compacts the file. At start-up, a log newer than the
 * store's last checkpoint is applied again.
 *
 * <p>H2 never commits on its own: its background writer is off (it handed each commit to two more
 * threads) and so is its commit when unsaved changes pile up. A commit outside a checkpoint would
 * put writes in the file whose log is then applied a second time after a crash.
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
    /** The H2 map holding the generation of the log whose writes the last checkpoint committed. */
    private static final String CHECKPOINT_MAP = "jakartaparse.checkpoint";
    private static final String LOG_GENERATION = "logGeneration";

    private final MongoServer server;
    private final MVStore store;
    private final TunedH2Backend backend;
    private final MVMap<String, Long> checkpoints;
    private final WriteAheadLog log;
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
        this.store = new MVStore.Builder().fileName(file.toString()).keysPerPage(KEYS_PER_PAGE)
                .autoCommitBufferSize(0) // no commit when unsaved changes pile up: see the class comment
                .open();
        store.setAutoCommitDelay(0); // no H2 background writer
        // Each checkpoint is a chunk of its own. H2 keeps replaced chunks for 45 s by default
        // (against file systems that reorder writes on power loss, which is not claimed to be
        // survived anyway): under load that meant thousands of chunks for its housekeeping to walk.
        store.setRetentionTime(RETENTION_MS);
        this.backend = new TunedH2Backend(store);
        this.checkpoints = store.openMap(CHECKPOINT_MAP);
        Path logFile = folder.resolve("parse.wal");
        long generation = recover(logFile);
        this.log = new WriteAheadLog(logFile, generation + 1);
        backend.logWritesTo(log, () -> checkpoint(false));
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        int delay = Math.max(1, commitDelayMs);
        writer.scheduleWithFixedDelay(() -> inBackground(() -> checkpoint(false)), delay, delay, TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(() -> inBackground(() -> checkpoint(true)), 1, 1, TimeUnit.SECONDS);
        LOG.info("Embedded database (mongo-java-server, H2 file " + file.toAbsolutePath() + ") listening on "
                + connectionString);
    }

    /**
     * Applies the writes of a log the store has not committed yet (the process died before the
     * checkpoint), commits them, and returns the generation they now count for.
     */
    private long recover(Path logFile) {
        long committed = checkpoints.getOrDefault(LOG_GENERATION, 0L);
        WriteAheadLog.Contents pending = WriteAheadLog.read(logFile);
        if (pending.generation() <= committed) {
            return committed;
        }
        List<WriteAheadLog.Entry> entries = pending.entries();
        EmbeddedChannel replay = new EmbeddedChannel();
        int failed = 0;
        for (WriteAheadLog.Entry entry : entries) {
            Document command = entry.command();
            try {
                backend.handleCommand(replay, entry.database(), command.keySet().iterator().next(), command);
            } catch (RuntimeException e) {
                failed++; // it failed the same way when it was first applied
            }
        }
        backend.handleClose(replay);
        checkpoints.put(LOG_GENERATION, pending.generation());
        store.commit();
        if (!entries.isEmpty()) {
            LOG.info("Embedded database: applied " + entries.size() + " logged write(s) the last run had not committed"
                    + (failed > 0 ? " (" + failed + " failed as they did then)" : ""));
        }
        return pending.generation();
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Commits everything written so far into the store's file and empties the log; then, when
     * asked, compacts (its own commits move pages only). Writes wait meanwhile, so that the log
     * holds exactly the writes the file does not. With nothing written there is nothing to commit:
     * an idle store writes no chunk.
     */
    void checkpoint(boolean compact) {
        synchronized (backend.writeLock) {
            if (store.hasUnsavedChanges() || log.hasRecords()) {
                long generation = log.generation();
                checkpoints.put(LOG_GENERATION, generation);
                store.commit();
                log.restart(generation + 1);
            }
            if (compact) {
                store.compact(COMPACT_FILL_RATE, COMPACT_BYTES);
            }
        }
    }

    private static void inBackground(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // the next round tries again; the log keeps the writes meanwhile
            LOG.log(Level.WARNING, "Embedded database checkpoint failed", e);
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
        server.shutdownNow(); // closes the backend, which makes the last checkpoint
        log.close();
    }
}
