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

    private final MongoServer server;
    private final H2Backend backend;
    private final String connectionString;

    public EmbeddedDatabase(Path folder, int port, int commitDelayMs) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the embedded database folder " + folder, e);
        }
        Path file = folder.resolve("parse.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        store.setAutoCommitDelay(Math.max(1, commitDelayMs));
        this.backend = new H2Backend(store);
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        LOG.info("Embedded database (mongo-java-server, H2 file " + file.toAbsolutePath() + ") listening on "
                + connectionString);
    }

    public String connectionString() {
        return connectionString;
    }

    /** Makes every write so far durable in the file. */
    public void commit() {
        backend.commit();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
