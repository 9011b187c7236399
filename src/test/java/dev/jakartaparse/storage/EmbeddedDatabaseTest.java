package dev.jakartaparse.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is in the file is what a kill -9 leaves: each test copies the file while the database runs
 * and opens the copy.
 */
class EmbeddedDatabaseTest {

    @Test
    void everyWriteIsInTheFileWhenCommitReturnsWhileOtherThreadsCommitToo(@TempDir Path dir) throws Exception {
        // A 1 ms commit delay: the background writer commits all the time, as other requests do.
        ExecutorService others = Executors.newFixedThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 1);
             MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            List<Future<?>> load = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                load.add(others.submit(() -> {
                    while (!stop.get()) {
                        c.insertOne(new Document("_id", UUID.randomUUID().toString()).append("other", true));
                        db.commit();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 15; i++) {
                c.insertOne(new Document("_id", "K" + i).append("i", i));
                db.commit();
                assertEquals(1, countInCopyOfFile(dir, "K" + i), "K" + i + " is not in the file after commit() returned");
            }
            stop.set(true);
            for (Future<?> f : load) {
                f.get(30, TimeUnit.SECONDS); // the concurrent writers did not fail
            }
        } finally {
            stop.set(true);
            others.shutdownNow();
        }
    }

    @Test
    void writesOfOutsideClientsAreCommittedWithinTheCommitDelay(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 20);
             MongoClient client = MongoClients.create(db.connectionString())) {
            // a write through the wire protocol only, as the real Parse Server or a tool makes it
            client.getDatabase("parse").getCollection("c").insertOne(new Document("_id", "outside"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (countInCopyOfFile(dir, "outside") == 0) {
                assertTrue(System.nanoTime() < deadline, "the outside write never reached the file");
                Thread.sleep(50);
            }
        }
    }

    @Test
    void nearlyEmptyChunksAreCompactedAway(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 20);
             MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            // one commit (so one chunk) per write, each write replacing a page of an earlier chunk
            for (int i = 0; i < 2000; i++) {
                c.insertOne(new Document("_id", UUID.randomUUID().toString()).append("i", i));
                db.commit();
            }
            int afterWrites = chunkCount(db);
            assertTrue(afterWrites > 200, "the writes left only " + afterWrites + " chunks: nothing to compact");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int chunks;
            while ((chunks = chunkCount(db)) > 20) {
                assertTrue(System.nanoTime() < deadline, "still " + chunks + " chunks (" + afterWrites + " after the writes)");
                Thread.sleep(100);
            }
            assertEquals(2000, c.countDocuments());
        }
    }

    /** The chunks in the file, as listed in H2's layout map. */
    private static int chunkCount(EmbeddedDatabase db) {
        return (int) db.store().getLayoutMap().keySet().stream().filter(k -> k.startsWith("chunk.")).count();
    }

    /** Copies the file of the database in dir/db as it is now and counts the documents with this _id in the copy. */
    private static long countInCopyOfFile(Path dir, String id) throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy");
        Files.copy(dir.resolve("db").resolve("parse.mv"), copy.resolve("parse.mv"));
        try (EmbeddedDatabase reopened = new EmbeddedDatabase(copy, 0, 60_000);
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            return client.getDatabase("parse").getCollection("c").countDocuments(new Document("_id", id));
        }
    }
}
