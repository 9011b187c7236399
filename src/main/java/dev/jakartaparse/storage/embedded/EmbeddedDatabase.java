package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

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
 * goes on in a new log; once a second it also compacts the file. At start-up, the logs newer than
 * the store's last checkpoint are applied again.
 *
 * <p>Writes wait only while a checkpoint takes its snapshot of the store, not while H2 writes it:
 * H2 takes the snapshot (every changed map's root, all at one version) in the caller's thread and
 * hands the rest to its own serialization threads. A commit took 2-3 ms under a create load, every
 * commit delay, and the writes waiting for it were most of create's p99. So there are two log
 * files, used in turn (generation g in file g % 2): a checkpoint goes on in the other one, and
 * empties it first only once the commit of the writes it held is in the store's file.
 *
 * <p>H2 never commits on its own: its background writer, which the serialization threads come
 * with, gets a delay too long to ever commit and no compaction of its own, and there is no commit
 * when unsaved changes pile up. A commit outside a checkpoint would put writes in the file whose
 * log is then applied a second time after a crash.
 *
 * <p>The checkpoint thread is the one thread of the server that is not taken from the container's
 * managed executors, on purpose: the container interrupts the threads of its managed thread
 * factory when the application stops, maybe before this database is closed, and an interrupt that
 * lands in a file write closes H2's file channel (NIO channels close when their thread is
 * interrupted), which breaks the store and the last checkpoint {@link #close()} makes. So the thread
 * is made here, stopped without an interrupt, and awaited by close(), which the application's
 * storage producer calls when the application stops: it never outlives the application. The
 * threads mongo-java-server (netty) and H2 make for themselves end in close() too.
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
    /** H2's longest commit delay. */
    private static final int NEVER = Integer.MAX_VALUE;

    private final MongoServer server;
    private final MVStore store;
    private final TunedH2Backend backend;
    private final MVMap<String, Long> checkpoints;
    /** The two log files, generation g in logs[g % 2]; the backend holds the one writes go to. */
    private final WriteAheadLog[] logs;
    /** The store version of the last checkpoint's commit, which H2 may still be writing. */
    private long lastCommitVersion = -1;

    private final String connectionString;
    /** The checkpoint thread: our own, not the container's (see the class comment). */
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "parse-embedded-database-writer");
        t.setDaemon(true);
        return t;
    });

    public EmbeddedDatabase(Path folder, int port, int commitDelayMs) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the embedded database folder " + folder, e);
        }
        Path file = folder.resolve("parse.mv");
        this.store = new MVStore.Builder()
                .fileName(file.toString())
                .keysPerPage(KEYS_PER_PAGE)
                .autoCommitBufferSize(0) // no commit when unsaved changes pile up: see the class comment
                .autoCompactFillRate(0) // no compaction by H2's background writer: ours, between checkpoints
                .autoCommitDisabled()
                .open();
        // H2's background writer, for the serialization threads that come with it; it never commits
        // on its own with this delay (it wakes every 8 days to find nothing to do)
        store.setAutoCommitDelay(NEVER);
        // Each checkpoint is a chunk of its own. H2 keeps replaced chunks for 45 s by default
        // (against file systems that reorder writes on power loss, which is not claimed to be
        // survived anyway): under load that meant thousands of chunks for its housekeeping to walk.
        store.setRetentionTime(RETENTION_MS);
        this.backend = new TunedH2Backend(store);
        this.checkpoints = store.openMap(CHECKPOINT_MAP);
        Path[] logFiles = {folder.resolve("parse.wal"), folder.resolve("parse.wal2")};
        long generation = recover(logFiles);
        // both files' writes are in the store now: one starts the next generation, the other is emptied
        this.logs = new WriteAheadLog[2];
        for (int slot = 0; slot < 2; slot++) {
            logs[slot] =
                    new WriteAheadLog(logFiles[slot], slot == slotOf(generation + 1) ? generation + 1 : generation);
        }
        synchronized (backend.writeLock) {
            backend.logWritesTo(logs[slotOf(generation + 1)]);
        }
        backend.beforeClosing(this::lastCheckpoint);
        this.server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // netty throws its BindException unchecked
            // Let go of the files, so that a later start in this JVM (a redeploy) can open them.
            server.shutdownNow();
            for (WriteAheadLog log : logs) {
                log.close();
            }
            store.close();
            writer.shutdownNow();
            throw new IllegalStateException(
                    "The embedded database cannot listen on 127.0.0.1:" + port
                            + " (is the port in use? set embeddedDatabasePort)",
                    e);
        }
        this.connectionString =
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        int delay = Math.max(1, commitDelayMs);
        writer.scheduleWithFixedDelay(() -> inBackground(() -> checkpoint(false)), delay, delay, TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(() -> inBackground(() -> checkpoint(true)), 1, 1, TimeUnit.SECONDS);
        LOG.info("Embedded database (mongo-java-server, H2 file " + file.toAbsolutePath() + ") listening on "
                + connectionString);
    }

    /**
     * Applies the writes of the logs the store has not committed yet (the process died before
     * their checkpoint was written), oldest first, commits them, and returns the generation they
     * now count for.
     */
    private long recover(Path... logFiles) {
        long committed = checkpoints.getOrDefault(LOG_GENERATION, 0L);
        List<WriteAheadLog.Contents> pending = Stream.of(logFiles)
                .map(WriteAheadLog::read)
                .filter(contents -> contents.generation() > committed)
                .sorted(Comparator.comparingLong(WriteAheadLog.Contents::generation))
                .toList();
        if (pending.isEmpty()) {
            return committed;
        }
        EmbeddedChannel replay = new EmbeddedChannel();
        int applied = 0;
        int failed = 0;
        for (WriteAheadLog.Contents contents : pending) {
            for (WriteAheadLog.Entry entry : contents.entries()) {
                Document command = entry.command();
                applied++;
                try {
                    backend.handleCommand(
                            replay,
                            entry.database(),
                            command.keySet().iterator().next(),
                            command);
                } catch (RuntimeException e) {
                    failed++; // it failed the same way when it was first applied
                }
            }
        }
        backend.handleClose(replay);
        long generation = pending.get(pending.size() - 1).generation();
        checkpoints.put(LOG_GENERATION, generation);
        store.commit();
        if (applied > 0) {
            LOG.info("Embedded database: applied " + applied + " logged write(s) the last run had not committed"
                    + (failed > 0 ? " (" + failed + " failed as they did then)" : ""));
        }
        return generation;
    }

    private static int slotOf(long generation) {
        return (int) (generation & 1);
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Commits everything written so far into the store's file and goes on in the other log; then,
     * when asked, compacts. Writes wait while the commit takes its snapshot, so that the log holds
     * exactly the writes the commit does not; H2 writes the snapshot to the file meanwhile, in its
     * own threads. With nothing written there is nothing to commit: an idle store writes no chunk.
     * One at a time: the log a checkpoint empties must hold no commit still being written.
     */
    synchronized void checkpoint(boolean compact) {
        // the other log holds the writes of the last checkpoint's commit until it is in the file
        awaitLastCommitWritten();
        synchronized (backend.writeLock) {
            // a transaction's writes are in the log only once it commits: not in the file before
            backend.awaitNoTransaction();
            WriteAheadLog log = backend.log();
            if (store.hasUnsavedChanges() || log.hasRecords()) {
                long generation = log.generation();
                checkpoints.put(LOG_GENERATION, generation);
                long version = store.tryCommit();
                if (version < 0) { // H2 did not take it (it cannot be busy: only checkpoints commit)
                    version = store.commit();
                }
                lastCommitVersion = version;
                WriteAheadLog next = logs[slotOf(generation + 1)];
                next.restart(generation + 1);
                backend.logWritesTo(next);
            }
        }
        if (compact) {
            // Moves live pages out of nearly empty chunks: no commit, the next checkpoint writes them,
            // so writes need not wait. Not while H2 still writes the last chunk: in a test (with
            // assertions on) H2's check of the file's length failed once when the two overlapped.
            awaitLastCommitWritten();
            store.compact(COMPACT_FILL_RATE, COMPACT_BYTES);
        }
    }

    /** Waits until the last checkpoint's commit is in the file (its chunk written). */
    private void awaitLastCommitWritten() {
        while (lastCommitVersion >= 0 && store.getFileStore().lastChunkVersion() < lastCommitVersion) {
            if (store.isClosed()) {
                throw new IllegalStateException("The embedded database closed before its last commit was written");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Before the store closes: everything logged goes into the file. */
    private synchronized void lastCheckpoint() {
        checkpoint(false);
        awaitLastCommitWritten();
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
        // Closes the backend, which makes the last checkpoint under its write lock. The checkpoint
        // lock (this) is taken first, as a checkpoint takes the two.
        synchronized (this) {
            server.shutdownNow();
        }
        for (WriteAheadLog file : logs) {
            file.close();
        }
    }
}
