package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Transactions of the embedded database through the real driver, as the MongoDB adapter runs a
 * batch with transaction: true: all-or-nothing, invisible to other readers until committed, and
 * in the files as one unit (what a kill -9 leaves is opened as a copy of the files).
 */
class EmbeddedTransactionTest {

    private static List<Document> all(MongoCollection<Document> c) {
        return c.find().into(new ArrayList<>());
    }

    @Test
    void anAbortPutsEverythingBackAsItWasAndOthersNeverSeeTheChanges(@TempDir Path dir) {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 5);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            c.insertOne(new Document("_id", "b").append("name", "B").append("n", 1));
            c.insertOne(new Document("_id", "a").append("name", "A").append("n", 2));
            c.insertOne(new Document("_id", "c").append("name", "C").append("n", 3));
            List<Document> before = all(c);
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                c.insertOne(session, new Document("_id", "new").append("name", "N"));
                c.updateOne(session, Filters.eq("_id", "a"), Updates.set("name", "A2"));
                c.deleteOne(session, Filters.eq("_id", "c"));
                c.findOneAndUpdate(session, Filters.eq("_id", "b"), Updates.inc("n", 10));
                // another client, meanwhile: every way of reading shows the documents as they were
                assertEquals(before, all(c));
                assertEquals(before.get(2), c.find(Filters.eq("_id", "c")).first());
                assertEquals(before.get(1), c.find(Filters.eq("name", "A")).first());
                assertEquals(0, c.countDocuments(Filters.eq("_id", "new")));
                assertEquals(3, c.countDocuments());
                assertEquals(3, c.estimatedDocumentCount());
                session.abortTransaction();
            }
            assertEquals(before, all(c)); // the same documents, in the same order
            // the indexes are as they were: the old values are taken, the new ones free
            assertThrows(MongoException.class, () -> c.insertOne(new Document("name", "A")));
            assertThrows(MongoException.class, () -> c.insertOne(new Document("_id", "c")));
            c.insertOne(new Document("_id", "new").append("name", "A2"));
            assertEquals(4, c.countDocuments());
        }
    }

    @Test
    void aCommitShowsAllChangesAtOnceAndAFailedWriteAbortsTheTransaction(@TempDir Path dir) {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 5);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "x").append("n", 0));
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                c.insertOne(session, new Document("_id", "y"));
                c.updateOne(session, Filters.eq("_id", "x"), Updates.inc("n", 1));
                assertEquals(List.of(new Document("_id", "x").append("n", 0)), all(c));
                session.commitTransaction();
            }
            assertEquals(List.of(new Document("_id", "x").append("n", 1), new Document("_id", "y")), all(c));

            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                c.insertOne(session, new Document("_id", "z"));
                assertThrows(MongoException.class, () -> c.insertOne(session, new Document("_id", "x")));
                MongoCommandException e = assertThrows(MongoCommandException.class, session::commitTransaction);
                assertEquals(251, e.getErrorCode()); // NoSuchTransaction: the failed write ended it
            }
            assertEquals(0, c.countDocuments(Filters.eq("_id", "z")));
        }
    }

    @Test
    void aWriteOfAnotherClientToAChangedCollectionWaitsForTheEnd(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 5);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "x").append("n", 0));
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                c.updateOne(session, Filters.eq("_id", "x"), Updates.inc("n", 1));
                CompletableFuture<Void> other =
                        CompletableFuture.runAsync(() -> c.updateOne(Filters.eq("_id", "x"), Updates.inc("n", 10)));
                Thread.sleep(300);
                assertTrue(!other.isDone(), "the other write did not wait");
                // a write to another collection does not wait
                client.getDatabase("parse").getCollection("d").insertOne(new Document("_id", "free"));
                session.abortTransaction();
                other.get(10, TimeUnit.SECONDS);
            }
            assertEquals(10, c.find().first().getInteger("n"));
        }
    }

    @Test
    void theFilesHoldATransactionWholeOrNotAtAll(@TempDir Path dir) throws Exception {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 5);
                MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "before"));
            try (ClientSession session = client.startSession()) {
                session.startTransaction();
                for (int i = 0; i < 20; i++) {
                    c.insertOne(session, new Document("_id", "t" + i));
                }
                Thread.sleep(50); // checkpoints are due all the while (every 5 ms): none may take the writes
                assertEquals(List.of("before"), idsIn(copyOfFiles(dir))); // killed in the middle
                session.commitTransaction();
            }
            assertEquals(21, idsIn(copyOfFiles(dir)).size()); // killed right after the commit
        }
    }

    private static List<String> idsIn(Path folder) {
        try (EmbeddedDatabase reopened = new EmbeddedDatabase(folder, 0, 60_000);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            List<String> ids = new ArrayList<>();
            client.getDatabase("parse").getCollection("c").find().forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }

    /** The files as a kill -9 would leave them now: the logs first, then the store's file. */
    private static Path copyOfFiles(Path dir) throws Exception {
        Path copy = Files.createTempDirectory(dir, "copy");
        for (String file : List.of("parse.wal", "parse.wal2", "parse.mv")) {
            Files.copy(dir.resolve("db").resolve(file), copy.resolve(file));
        }
        return copy;
    }
}
