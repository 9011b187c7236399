package dev.jakartaparse.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.SchemaChanged;
import dev.jakartaparse.storage.StorageAdapter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two schema controllers on one store stand for two servers: what one changes, the other sees
 * after an invalidation (the bus) or after schemaCacheTtl, and every change is announced once.
 */
class SchemaControllerTest {
    private final Map<String, ClassSchema> store = new ConcurrentHashMap<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<SchemaChanged> announcedByA = new ArrayList<>();
    private final List<SchemaChanged> announcedByB = new ArrayList<>();

    private SchemaController server(long ttlMillis, List<SchemaChanged> announced) {
        return new SchemaController(schemaStore(), ttlMillis, now::get, announced::add);
    }

    @Test
    void aClpChangeThroughOneServerReachesTheOtherOnInvalidation() {
        SchemaController a = server(0, announcedByA);
        SchemaController b = server(0, announcedByB);
        a.createClass("Secret", Map.of("title", Map.of("type", "String")), null, null);
        assertTrue(b.find("Secret").isPresent(), "a class unknown to the cache is looked up in the store");

        a.updateClass("Secret", null, lockedToMaster(), null);
        assertEquals(lockedToMaster(), a.find("Secret").orElseThrow().classLevelPermissions());
        assertFalse(
                lockedToMaster().equals(b.find("Secret").orElseThrow().classLevelPermissions()),
                "without a message or a TTL, B keeps what it read");

        b.invalidate();
        assertEquals(lockedToMaster(), b.find("Secret").orElseThrow().classLevelPermissions());
        assertEquals(List.of(new SchemaChanged("Secret"), new SchemaChanged("Secret")), announcedByA);
        assertEquals(List.of(), announcedByB, "reading and invalidating announce nothing (no echo)");
    }

    @Test
    void withATtlTheOtherServerReadsTheStoreAgain() {
        SchemaController a = server(0, announcedByA);
        SchemaController b = server(1_000, announcedByB);
        a.createClass("Secret", null, null, null);
        assertEquals(
                1, b.all().stream().filter(s -> s.className().equals("Secret")).count());

        a.updateClass("Secret", null, lockedToMaster(), null);
        now.addAndGet(999);
        assertFalse(lockedToMaster().equals(b.find("Secret").orElseThrow().classLevelPermissions()));
        now.addAndGet(1);
        assertEquals(lockedToMaster(), b.find("Secret").orElseThrow().classLevelPermissions());

        a.deleteClass("Secret");
        assertTrue(b.find("Secret").isPresent());
        now.addAndGet(1_000);
        assertTrue(b.find("Secret").isEmpty(), "a class deleted elsewhere is gone after the TTL");
        assertTrue(b.all().stream().noneMatch(s -> s.className().equals("Secret")));
    }

    @Test
    void fieldsAddedByWritesAreAnnouncedOncePerNewField() {
        SchemaController a = server(0, announcedByA);
        a.validateObject("Note", Map.of("title", "x"));
        assertEquals(
                List.of(new SchemaChanged("Note"), new SchemaChanged("Note")),
                announcedByA,
                "the class, then its new field");
        a.validateObject("Note", Map.of("title", "y"));
        assertEquals(2, announcedByA.size(), "a known field changes nothing");

        SchemaController b = server(0, announcedByB);
        b.find("Note");
        a.validateObject("Note", Map.of("count", 1));
        b.invalidate();
        assertEquals(FieldType.NUMBER, b.find("Note").orElseThrow().field("count"));
        assertNull(b.find("Note").orElseThrow().field("missing"));
    }

    private static Map<String, Object> lockedToMaster() {
        Map<String, Object> clp = new LinkedHashMap<>();
        for (String op : List.of("find", "count", "get", "create", "update", "delete", "addField")) {
            clp.put(op, Map.of());
        }
        clp.put("protectedFields", Map.of());
        return clp;
    }

    /** The schema half of a store, in a map; the rest is not needed here. */
    private StorageAdapter schemaStore() {
        return (StorageAdapter) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {StorageAdapter.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAllClasses" -> new ArrayList<>(store.values());
                    case "getClass" -> Optional.ofNullable(store.get((String) args[0]));
                    case "createClass" -> {
                        ClassSchema s = (ClassSchema) args[0];
                        if (store.putIfAbsent(s.className(), s) != null) {
                            throw new IllegalStateException("exists");
                        }
                        yield s;
                    }
                    case "updateClass" -> {
                        ClassSchema s = (ClassSchema) args[0];
                        store.put(s.className(), s);
                        yield null;
                    }
                    case "addFieldIfNotExists" -> {
                        store.computeIfPresent((String) args[0], (k, s) -> {
                            Map<String, FieldType> f = new LinkedHashMap<>(s.fields());
                            f.putIfAbsent((String) args[1], (FieldType) args[2]);
                            return s.withFields(f);
                        });
                        yield null;
                    }
                    case "deleteClass" -> {
                        store.remove((String) args[0]);
                        yield null;
                    }
                    case "count" -> 0L;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "schema store";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
