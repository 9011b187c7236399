package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The faster find returns exactly what mongo-java-server's own find returns, for every kind of
 * value; its unique indexes accept and refuse exactly the writes the stock ones do.
 */
class TunedH2BackendTest {

    /** Runs work against collection t.c of the server, bound for the time being. */
    private static List<Object> using(MongoServer server, Function<MongoCollection<Document>, List<Object>> work) {
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            return work.apply(client.getDatabase("t").getCollection("c"));
        } finally {
            server.shutdownNow();
        }
    }

    private static List<Object> run(MongoServer server, List<Document> docs, Document sort, int skip, int limit) {
        return using(server, c -> {
            c.insertMany(docs);
            List<Object> ids = new ArrayList<>();
            c.find(new Document("keep", true))
                    .sort(sort)
                    .skip(skip)
                    .limit(limit)
                    .forEach(d -> ids.add(d.get("_id")));
            return ids;
        });
    }

    @Test
    void sameOrderAsTheStockSortForMixedValues() {
        Random random = new Random(42);
        List<Function<Integer, Object>> kinds = List.of(
                i -> random.nextInt(20),
                i -> random.nextInt(20) + 0.5,
                i -> (double) random.nextInt(5),
                i -> -0.0,
                i -> 0,
                i -> (long) random.nextInt(20),
                i -> 5_000_000_000L + random.nextInt(3),
                i -> "s" + random.nextInt(30),
                i -> null,
                i -> true,
                i -> Double.NaN,
                i -> List.of(random.nextInt(9), "x"),
                i -> new Document("k", random.nextInt(3)),
                i -> new Date(1_700_000_000_000L + random.nextInt(1000)));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Document d = new Document("_id", i).append("keep", random.nextInt(10) > 0);
            if (random.nextInt(15) > 0) {
                d.append("a", kinds.get(random.nextInt(kinds.size())).apply(i));
            }
            d.append("b", random.nextBoolean() ? "x" + random.nextInt(4) : random.nextInt(4));
            d.append("n", new Document("v", random.nextInt(50)));
            docs.add(d);
        }
        for (Document sort : List.of(
                new Document("a", 1),
                new Document("a", -1).append("b", 1),
                new Document("b", -1).append("a", -1).append("_id", 1),
                new Document("n.v", 1).append("_id", -1))) {
            // a small limit (only the first ones are kept in order) and none (everything sorted)
            for (int[] skipLimit : new int[][] {{7, 100}, {0, 0}}) {
                List<Object> stock = run(
                        new MongoServer(new H2Backend(new MVStore.Builder().open())),
                        docs,
                        sort,
                        skipLimit[0],
                        skipLimit[1]);
                List<Object> fast = run(
                        new MongoServer(new TunedH2Backend(new MVStore.Builder().open())),
                        docs,
                        sort,
                        skipLimit[0],
                        skipLimit[1]);
                assertEquals(stock, fast, "sort " + sort.toJson() + " skip/limit " + skipLimit[0] + "/" + skipLimit[1]);
            }
        }
    }

    /** Each write's outcome (ok, or the error's code and message) and then the documents left. */
    private static List<Object> uniqueOutcomes(MongoServer server, List<Document> docs) {
        return using(server, c -> {
            c.createIndex(Indexes.ascending("u"), new IndexOptions().unique(true));
            c.createIndex(
                    Indexes.ascending("e"), new IndexOptions().unique(true).sparse(true));
            c.createIndex(Indexes.ascending("a", "b"), new IndexOptions().unique(true));
            List<Object> outcomes = new ArrayList<>();
            for (Document d : docs) {
                outcomes.add(outcome(() -> c.insertOne(d)));
            }
            for (Document d : docs) {
                outcomes.add(outcome(() ->
                        c.updateOne(new Document("_id", d.get("_id")), new Document("$set", new Document("u", "u1")))));
            }
            c.find().sort(new Document("_id", 1)).forEach(d -> outcomes.add(d.toJson()));
            return outcomes;
        });
    }

    private static Object outcome(Runnable write) {
        try {
            write.run();
            return "ok";
        } catch (MongoException e) {
            return e.getCode() + " "
                    + (e instanceof MongoWriteException w ? w.getError().getMessage() : e.getMessage());
        }
    }

    @Test
    void uniqueIndexesRefuseTheSameWritesAsTheStockOnes() {
        Random random = new Random(7);
        List<Function<Integer, Object>> kinds = List.of(
                i -> "u" + random.nextInt(12),
                i -> random.nextInt(4),
                i -> random.nextInt(4) + 0.0,
                i -> (long) random.nextInt(4),
                i -> random.nextBoolean(),
                i -> null,
                i -> new ObjectId("65a1b2c3d4e5f6a7b8c9d0e" + random.nextInt(3)),
                i -> List.of("u" + random.nextInt(12)),
                i -> new Document("k", random.nextInt(2)));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Document d = new Document("_id", "id" + i);
            for (String field : List.of("u", "e", "a", "b")) {
                if (random.nextInt(6) > 0) {
                    d.append(field, kinds.get(random.nextInt(kinds.size())).apply(i));
                }
            }
            docs.add(d);
        }
        List<Object> stock = uniqueOutcomes(new MongoServer(new H2Backend(new MVStore.Builder().open())), docs);
        List<Object> fast = uniqueOutcomes(new MongoServer(new TunedH2Backend(new MVStore.Builder().open())), docs);
        assertEquals(stock, fast);
        assertTrue(
                stock.stream().anyMatch(o -> String.valueOf(o).startsWith("11000 ")),
                "some writes were refused as duplicates");
    }

    @Test
    void anUpdateLeavesTheDocumentTheStoreHeldUnchanged() {
        // what the store's last version holds (and a checkpoint may still be serializing) stays as it was
        MVStore store = new MVStore.Builder().open();
        List<Object> seen = using(new MongoServer(new TunedH2Backend(store)), c -> {
            c.insertOne(new Document("_id", "n").append("n", 0).append("tags", List.of("a")));
            MVMap<Object, de.bwaldvogel.mongo.bson.Document> data = store.openMap("databases.t.c");
            Object position = data.firstKey(); // documents are kept by position (insertion order), not _id
            de.bwaldvogel.mongo.bson.Document held = data.get(position);
            c.updateOne(
                    new Document("_id", "n"),
                    new Document("$inc", new Document("n", 1)).append("$push", new Document("tags", "b")));
            de.bwaldvogel.mongo.bson.Document afterUpdate = data.get(position);
            c.findOneAndUpdate(new Document("_id", "n"), new Document("$inc", new Document("n", 1)));
            return List.of(
                    held.toString(),
                    afterUpdate.toString(),
                    data.get(position).toString(),
                    c.find().first().getInteger("n"));
        });
        assertEquals(
                List.of(
                        "{\"_id\" : \"n\", \"n\" : 0, \"tags\" : [ \"a\" ]}",
                        "{\"_id\" : \"n\", \"n\" : 1, \"tags\" : [ \"a\", \"b\" ]}",
                        "{\"_id\" : \"n\", \"n\" : 2, \"tags\" : [ \"a\", \"b\" ]}",
                        2),
                seen);
    }
}
