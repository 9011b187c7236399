package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedded store's file: documents and index keys are written as BSON, read back exactly, and a
 * file written by the stock backend (Java-serialized, as earlier versions of this server wrote it)
 * is read and kept working: its data, its unique indexes, and then both formats mixed.
 */
class StoreFileFormatTest {

    private static void withStore(
            Path file, Function<MVStore, MongoBackend> backend, Consumer<MongoCollection<Document>> work) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoBackend b = backend.apply(store);
        MongoServer server = new MongoServer(b);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            work.accept(client.getDatabase("parse").getCollection("_User"));
        } finally {
            server.shutdownNow();
            b.close();
            store.close();
        }
    }

    private static Document user(int i) {
        return new Document("_id", "id" + i)
                .append("username", "user" + i)
                .append("n", i)
                .append("big", 5_000_000_000L + i)
                .append("ratio", i / 4.0)
                .append("flag", i % 2 == 0)
                .append("_created_at", new Date(1_700_000_000_000L + i))
                .append("bytes", new Binary(new byte[] {1, 2, (byte) i}))
                .append("oid", new ObjectId("5f0c2e1e8a1b2c3d4e5f60" + String.format("%02x", i % 256)))
                .append("nested", new Document("a", List.of(1, "two", new Document("x", null))))
                .append("_rperm", List.of("*", "role:r" + i))
                .append("re", new BsonRegularExpression("^a", "i"))
                .append("none", null);
    }

    private static List<Document> all(MongoCollection<Document> c) {
        return c.find().sort(Sorts.ascending("n")).into(new ArrayList<>());
    }

    /** 300 users in a new file, with a unique index on username, written through the given backend. */
    private static List<Document> writeUsers(Path file, Function<MVStore, MongoBackend> backend) {
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(user(i));
        }
        withStore(file, backend, c -> {
            c.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true));
            c.insertMany(written);
        });
        return written;
    }

    /** _id and username refuse user n's values again, with MongoDB's duplicate-key code. */
    private static void assertUniqueIndexesRefuse(MongoCollection<Document> c, int n) {
        assertEquals(
                11000,
                assertThrows(
                                MongoWriteException.class,
                                () -> c.insertOne(new Document("_id", "other").append("username", "user" + n)))
                        .getError()
                        .getCode());
        assertEquals(
                11000,
                assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", "id" + n)))
                        .getError()
                        .getCode());
    }

    @Test
    void everyValueComesBackAsWritten(@TempDir Path dir) {
        Path file = dir.resolve("s.mv");
        List<Document> written = writeUsers(file, TunedH2Backend::new);
        withStore(file, TunedH2Backend::new, c -> {
            assertEquals(written, all(c));
            assertEquals(written.get(7), c.find(Filters.eq("_id", "id7")).first());
            assertUniqueIndexesRefuse(c, 7);
        });
    }

    @Test
    void aFileKeyedByIdIsRenumberedInCreationOrder(@TempDir Path dir) {
        Path file = dir.resolve("old.mv");
        // the stock backend keys documents by _id: a find came back in _id order
        List<Document> byCreation = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byCreation.add(user(i).append("_id", "id" + (char) ('z' - i % 26) + i)); // _ids against creation order
        }
        withStore(file, H2Backend::new, c -> {
            c.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true));
            c.insertMany(byCreation);
        });
        withStore(file, TunedH2Backend::new, c -> {
            assertEquals(byCreation, c.find().into(new ArrayList<>()));
            // the indexes were built again, on the new positions
            Object id9 = byCreation.get(9).get("_id");
            assertEquals(byCreation.get(9), c.find(Filters.eq("_id", id9)).first());
            assertEquals(
                    11000,
                    assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", id9)))
                            .getError()
                            .getCode());
            assertEquals(
                    11000,
                    assertThrows(
                                    MongoWriteException.class,
                                    () -> c.insertOne(new Document("_id", "other").append("username", "user9")))
                            .getError()
                            .getCode());
            c.insertOne(user(1000).append("_id", "a"));
            assertEquals("a", c.find().skip(50).first().getString("_id"));
        });
        // numbered once: opened again, nothing moves
        withStore(
                file,
                TunedH2Backend::new,
                c -> assertEquals(byCreation.get(0), c.find().first()));
    }

    @Test
    void aFileOfTheStockFormatIsReadAndKeptWorking(@TempDir Path dir) {
        Path file = dir.resolve("old.mv");
        List<Document> written = writeUsers(file, H2Backend::new);
        withStore(file, TunedH2Backend::new, c -> {
            assertEquals(written, all(c));
            assertUniqueIndexesRefuse(c, 5); // the unique indexes came along
            // old and new documents side by side, changed and removed
            c.insertOne(user(1000));
            c.updateOne(Filters.eq("_id", "id3"), Updates.set("username", "renamed3"));
            c.deleteOne(Filters.eq("_id", "id4"));
            c.insertOne(
                    new Document("_id", "again").append("username", "user3").append("n", 2000)); // freed by the rename
        });
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        try {
            assertFalse(
                    raw.getMapNames().stream().anyMatch(n -> n.contains("._index_") && !n.endsWith(".bson")),
                    "old index maps were removed: " + raw.getMapNames());
            assertTrue(
                    raw.getMapNames().contains("parse._User._index_username_1.bson"),
                    raw.getMapNames().toString());
        } finally {
            raw.close();
        }
        withStore(file, TunedH2Backend::new, c -> {
            List<Document> expected = new ArrayList<>(written);
            expected.get(3).put("username", "renamed3");
            expected.remove(4);
            expected.add(user(1000));
            expected.add(
                    new Document("_id", "again").append("username", "user3").append("n", 2000));
            assertEquals(expected, all(c));
            assertEquals(
                    11000,
                    assertThrows(
                                    MongoWriteException.class,
                                    () -> c.insertOne(new Document("_id", "y").append("username", "renamed3")))
                            .getError()
                            .getCode());
            assertEquals(1, c.countDocuments(Filters.eq("username", "user3")));
        });
    }
}
