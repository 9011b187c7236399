package dev.jakartaparse.bootstrap;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.files.FilesAdapter;
import dev.jakartaparse.files.GridFsFilesAdapter;
import dev.jakartaparse.storage.StorageAdapter;
import dev.jakartaparse.storage.embedded.EmbeddedDatabase;
import dev.jakartaparse.storage.mongo.MongoStorageAdapter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Chooses and opens the storage: the MongoDB at databaseURI, or the embedded database when none
 * is configured. Holds the connections for the application's lifetime.
 */
@ApplicationScoped
public class StorageProducer {

    @Inject
    ParseConfig config;

    private EmbeddedDatabase embedded;
    private MongoClient client;
    private StorageAdapter adapter;
    private String databaseName;

    @Produces
    @ApplicationScoped
    StorageAdapter storage() {
        return open();
    }

    /** File contents go to the same database's GridFS. */
    @Produces
    @ApplicationScoped
    FilesAdapter files() {
        open();
        return new GridFsFilesAdapter(client.getDatabase(databaseName));
    }

    private synchronized StorageAdapter open() {
        if (adapter != null) {
            return adapter;
        }
        String uri = config.databaseURI();
        boolean fullQuerySupport = uri != null;
        if (uri == null) {
            embedded = new EmbeddedDatabase(
                    Path.of(config.embeddedDatabasePath()),
                    config.embeddedDatabasePort(),
                    config.embeddedDatabaseCommitDelayMs());
            uri = embedded.connectionString() + "/parse";
        }
        ConnectionString cs = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applyToConnectionPoolSettings(p -> p.maxSize(64).minSize(fullQuerySupport ? 0 : 8))
                .applyToSocketSettings(s -> s.connectTimeout(10, TimeUnit.SECONDS))
                .build();
        client = MongoClients.create(settings);
        String database = cs.getDatabase() == null ? "parse" : cs.getDatabase();
        databaseName = database;
        adapter = new MongoStorageAdapter(client, database, fullQuerySupport);
        return adapter;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
