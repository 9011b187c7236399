package dev.jakartaparse.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.embedded.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The adapter's transactions on the embedded database, as a batch with transaction: true runs them. */
class MongoStorageAdapterTransactionTest {

    private static Map<String, Object> object(String id, int n) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("objectId", id);
        o.put("n", n);
        o.put("createdAt", "2026-01-01T00:00:00.000Z");
        o.put("updatedAt", "2026-01-01T00:00:00.000Z");
        return o;
    }

    @Test
    void theWorksWritesAreAppliedAllOrNothingAndHiddenFromOthersUntilTheEnd(@TempDir Path dir) {
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 5);
                MongoClient client = MongoClients.create(db.connectionString());
                MongoStorageAdapter adapter = new MongoStorageAdapter(client, "parse", false)) {
            assertTrue(adapter.supportsTransactions());
            Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.defaultFields());
            fields.put("n", FieldType.NUMBER);
            ClassSchema schema = adapter.createClass(new ClassSchema("Tx", fields, null, null));
            adapter.createObject("Tx", schema, object("kept", 1));

            RuntimeException failure = new IllegalStateException("the third sub-request failed");
            assertThrows(
                    IllegalStateException.class,
                    () -> adapter.inTransaction(() -> {
                        adapter.createObject("Tx", schema, object("new1", 2));
                        adapter.updateObjectsByQuery("Tx", schema, Map.of("objectId", "kept"), Map.of("n", 5));
                        // the work reads its own writes; another thread does not see them
                        assertEquals(2, adapter.count("Tx", schema, Map.of(), null));
                        assertEquals(
                                1L,
                                CompletableFuture.supplyAsync(() -> adapter.count("Tx", schema, Map.of(), null))
                                        .join());
                        throw failure;
                    }));
            List<Map<String, Object>> left = adapter.find("Tx", schema, Map.of(), QueryOptions.all());
            assertEquals(1, left.size());
            assertEquals(1, ((Number) left.get(0).get("n")).intValue());

            String answer = adapter.inTransaction(() -> {
                adapter.createObject("Tx", schema, object("new2", 3));
                adapter.deleteObjectsByQuery("Tx", schema, Map.of("objectId", "kept"));
                return "done";
            });
            assertEquals("done", answer);
            List<Map<String, Object>> after = adapter.find("Tx", schema, Map.of(), QueryOptions.all());
            assertEquals(
                    List.of("new2"), after.stream().map(o -> o.get("objectId")).toList());
            assertFalse(adapter.find("Tx", schema, Map.of("objectId", "new1"), QueryOptions.all())
                    .iterator()
                    .hasNext());
        }
    }
}
