package dev.jakartaparse.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EmbeddedDatabase#commit()} returns only once every write so far is in the file, even a
 * write that the background auto-commit has already taken and is still writing. What is in the
 * file when commit() returns is what a kill -9 at that moment leaves.
 */
class EmbeddedDatabaseTest {

    @Test
    void commitWaitsForAChunkTheBackgroundWriterIsStillSaving(@TempDir Path dir) throws Exception {
        // A long commit delay: the background writer stays out of the way; its store is made by hand below.
        EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 60_000);
        ExecutorService committer = Executors.newSingleThreadExecutor();
        CountDownLatch slowDisk = new CountDownLatch(1);
        try (MongoClient client = MongoClients.create(db.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("parse").getCollection("c");
            c.insertOne(new Document("_id", "A"));
            db.commit();
            MVStore store = db.store();

            // H2 saves chunks on a single thread of its own; hold it, as a slow disk write would.
            Field f = FileStore.class.getDeclaredField("bufferSaveExecutor");
            f.setAccessible(true);
            ThreadPoolExecutor saver = (ThreadPoolExecutor) f.get(store.getFileStore());
            assertNotNull(saver, "H2 runs no background save thread (has MVStore changed?)");
            saver.submit(() -> {
                slowDisk.await();
                return null;
            });

            c.insertOne(new Document("_id", "B"));
            // What the background writer does at each auto-commit: take the changes, save them asynchronously.
            assertTrue(store.tryCommit() >= 0, "the background store did not run");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.hasUnsavedChanges()) {
                assertTrue(System.nanoTime() < deadline, "the background store did not take the changes");
                Thread.sleep(1);
            }

            // B no longer counts as unsaved, but its chunk waits for the save thread: commit() must wait too.
            Future<?> commit = committer.submit(db::commit);
            assertThrows(TimeoutException.class, () -> commit.get(500, TimeUnit.MILLISECONDS),
                    "commit() returned while B was not yet written to the file");
            slowDisk.countDown();
            commit.get(10, TimeUnit.SECONDS);

            // The file as a kill -9 right now would leave it.
            Path copy = Files.createDirectories(dir.resolve("after-kill"));
            Files.copy(dir.resolve("db").resolve("parse.mv"), copy.resolve("parse.mv"));
            try (EmbeddedDatabase reopened = new EmbeddedDatabase(copy, 0, 60_000);
                 MongoClient client2 = MongoClients.create(reopened.connectionString())) {
                MongoCollection<Document> c2 = client2.getDatabase("parse").getCollection("c");
                assertNotNull(c2.find(new Document("_id", "A")).first(), "A is not in the file");
                assertNotNull(c2.find(new Document("_id", "B")).first(), "B is not in the file");
            }
        } finally {
            slowDisk.countDown();
            committer.shutdownNow();
            db.close();
        }
    }
}
