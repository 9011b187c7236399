package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * The in-process database used when no databaseURI is configured: mongo-java-server with its H2
 * file backend, listening on loopback only, so the real MongoDB driver (and outside tools, or the
 * real Parse Server) talk to it over TCP exactly as to a MongoDB server.
 *
 * <p>Durability: {@link #commit()} is called after each acknowledged write so that the write is in
 * the file before the client hears about it (a kill -9 cannot lose it); the MVStore auto-commit
 * is a second safety net for writes made by outside tools.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private static final int RETENTION_MS = 1000;

    private final MongoServer server;
    private final MVStore store;
    private final H2Backend backend;
    private final String connectionString;

    public EmbeddedDatabase(Path folder, int port, int commitDelayMs) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the embedded database folder " + folder, e);
        }
        Path file = folder.resolve("parse.mv");
        this.store = new MVStore.Builder().fileName(file.toString()).open();
        store.setAutoCommitDelay(Math.max(1, commitDelayMs));
        // Each acknowledged write is a commit, so a chunk of its own. H2 keeps replaced chunks for
        // 45 s by default (against file systems that reorder writes on power loss, which the commit
        // without fsync does not claim to survive anyway): under load that meant tens of thousands of
        // chunks, which its housekeeping walked again and again, and a file growing by hundreds of MB.
        store.setRetentionTime(RETENTION_MS);
        this.backend = new TunedH2Backend(store);
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
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
     * <p>MVStore.commit() stores what is unsaved and waits until it is written. But the auto-commit
     * of the background writer stores asynchronously: it takes the changes, then hands the chunk to
     * H2's serialization and save threads. Changes it has taken no longer count as unsaved, so
     * commit() finds nothing to do and returns at once, possibly while that chunk is still on its
     * way to the file. So when commit() stored nothing and the last chunk written to the file is
     * older than the store's current version, wait for those threads. (When commit() did store, its
     * chunk was queued behind any earlier one on the same threads, so both are written. When
     * another request's commit took our write, it wrote it before letting go of the store lock.)
     */
    public void commit() {
        if (store.commit() < 0 && store.getFileStore().lastChunkVersion() < store.getCurrentVersion()) {
            store.executeFilestoreOperation(() -> {
            });
        }
    }

    /** For tests. */
    MVStore store() {
        return store;
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
