package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * What is in the files is what a kill -9 leaves: each test copies the database's files while it runs
 * (the logs first, then the store's file, the order in which a crash could leave them at worst)
 * and opens the copy.
 */
class EmbeddedDatabaseTest {

    @Test
    void everyAcknowledgedWriteSurvivesWhileCheckpointsRunAllTheTime(@TempDir Path dir) throws Exception {
        // A 1 ms commit delay: a checkpoint all the time, in the middle of other threads' writes.
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
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 15; i++) {
                c.insertOne(new Document("_id", "K" + i).append("i", i));
                assertEquals(
                        1, count(copyOfFiles(dir), "_id", "K" + i), "K" + i + " was lost after it was acknowledged");
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
    void loggedWritesAreAppliedOnceWhereverTheCheckpointWas(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 60_000);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "n").append("n", 0));
            db.checkpoint(false);
            for (int i = 0; i < 10; i++) {
                c.updateOne(new Document("_id", "n"), new Document("$inc", new Document("n", 1)));
            }
            // no checkpoint since the increments: the store's file has n = 0, the log the 10 increments
            assertEquals(1, count(copyOfFiles(dir), "n", 10));
            // the logs copied before a checkpoint, the store's file after it: the increments are in both
            Path copy = Files.createTempDirectory(dir, "copy");
            copyLogs(dir.resolve("db"), copy);
            db.checkpoint(false);
            Files.copy(dir.resolve("db").resolve("parse.mv"), copy.resolve("parse.mv"));
            assertEquals(1, count(copy, "n", 10));
        }
    }

    @Test
    void bothLogsAreAppliedInOrderWhenTheLastCommitIsNotInTheFileYet(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 60_000);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "n").append("n", 0).append("last", "none"));
            db.checkpoint(false);
            db.checkpoint(false); // the insert's commit is in the file once the next checkpoint starts
            Path copy = Files.createTempDirectory(dir, "copy");
            Files.copy(dir.resolve("db").resolve("parse.mv"), copy.resolve("parse.mv"));
            for (int i = 0; i < 5; i++) {
                c.updateOne(
                        new Document("_id", "n"),
                        new Document("$inc", new Document("n", 1)).append("$set", new Document("last", "first log")));
            }
            db.checkpoint(false);
            for (int i = 0; i < 5; i++) {
                c.updateOne(
                        new Document("_id", "n"),
                        new Document("$inc", new Document("n", 1)).append("$set", new Document("last", "second log")));
            }
            // as if H2 had not written either commit when the process died: the store's file from
            // before both, each log with its writes
            copyLogs(dir.resolve("db"), copy);
            assertEquals(1, count(copy, "n", 10));
            assertEquals(1, count(copy, "last", "second log"));
        }
    }

    @Test
    void writesOfOutsideClientsAreDurableWhenAnswered(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 60_000);
                MongoClient client = MongoClients.create(db.connectionString())) {
            // a write through the wire protocol only, as the real Parse Server or a tool makes it
            client.getDatabase("parse").getCollection("c").insertOne(new Document("_id", "outside"));
            assertEquals(1, count(copyOfFiles(dir), "_id", "outside"));
        }
    }

    @Test
    void anIdleDatabaseWritesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 20);
                MongoClient client = MongoClients.create(db.connectionString())) {
            client.getDatabase("parse").getCollection("c").insertOne(new Document("_id", "one"));
            db.checkpoint(true);
            long version = db.store().getCurrentVersion();
            Thread.sleep(2500); // past two compaction rounds and a hundred checkpoint rounds
            assertEquals(version, db.store().getCurrentVersion(), "the store committed while nothing was written");
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
                db.checkpoint(false);
            }
            int afterWrites = chunkCount(db);
            assertTrue(afterWrites > 200, "the writes left only " + afterWrites + " chunks: nothing to compact");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int chunks;
            while ((chunks = chunkCount(db)) > 20) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "still " + chunks + " chunks (" + afterWrites + " after the writes)");
                Thread.sleep(100);
            }
            assertEquals(2000, c.countDocuments());
        }
    }

    /** The chunks in the file, as listed in H2's layout map. */
    private static int chunkCount(EmbeddedDatabase db) {
        return (int) db.store().getLayoutMap().keySet().stream()
                .filter(k -> k.startsWith("chunk."))
                .count();
    }

    /** A copy of the files of the database in dir/db as they are now: the logs first, then the store's file. */
    private static Path copyOfFiles(Path dir) throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy");
        copyLogs(dir.resolve("db"), copy);
        Files.copy(dir.resolve("db").resolve("parse.mv"), copy.resolve("parse.mv"));
        return copy;
    }

    @Test
    void aFindWithoutSortAnswersInInsertionOrderAcrossCheckpointsCompactionAndRestarts(@TempDir Path dir)
            throws Exception {
        List<String> ids = new ArrayList<>();
        Path folder = dir.resolve("db");
        try (EmbeddedDatabase db = new EmbeddedDatabase(folder, 0, 60_000);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            for (int i = 0; i < 40; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                c.insertOne(new Document("_id", id).append("i", i));
                if (i == 20) {
                    db.checkpoint(true); // half in the store's file, half in the log
                }
            }
            // an update, even one that makes the document grow, keeps its place
            c.updateOne(new Document("_id", ids.get(3)), new Document("$set", new Document("pad", "x".repeat(4000))));
            c.deleteOne(new Document("_id", ids.remove(10)));
            assertEquals(ids, idsOf(c.find()));
            assertEquals(ids.subList(5, 12), idsOf(c.find().skip(5).limit(7)));
            // what a kill -9 leaves: the store's file and the logs, replayed
            assertEquals(ids, idsIn(copyOfFiles(dir)));
            db.checkpoint(true);
        }
        assertEquals(ids, idsIn(folder)); // after a clean stop
        try (EmbeddedDatabase db = new EmbeddedDatabase(folder, 0, 60_000);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "0-last").append("i", 99)); // after the others, though its _id sorts first
            ids.add("0-last");
            assertEquals(ids, idsOf(c.find()));
            assertEquals(1, c.countDocuments(new Document("_id", ids.get(7)))); // the _id index finds it
        }
    }

    private static List<String> idsOf(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static List<String> idsIn(Path folder) {
        try (EmbeddedDatabase reopened = new EmbeddedDatabase(folder, 0, 60_000);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            return idsOf(client.getDatabase("parse").getCollection("c").find());
        }
    }

    private static void copyLogs(Path from, Path to) throws Exception {
        for (String log : List.of("parse.wal", "parse.wal2")) {
            Files.copy(from.resolve(log), to.resolve(log));
        }
    }

    /** Opens the database in the folder and counts the documents of parse.c whose key has the value. */
    private static long count(Path folder, String key, Object value) {
        try (EmbeddedDatabase reopened = new EmbeddedDatabase(folder, 0, 60_000);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            return client.getDatabase("parse").getCollection("c").countDocuments(new Document(key, value));
        }
    }
}
