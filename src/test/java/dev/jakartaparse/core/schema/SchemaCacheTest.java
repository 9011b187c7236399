package dev.jakartaparse.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The schema cache's expiry (schemaCacheTtl) and invalidation, on a clock the test moves. */
class SchemaCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Collection<ClassSchema>> stored = new AtomicReference<>(List.of(schema("A", "one")));

    private SchemaCache cache(long ttlMillis) {
        return new SchemaCache(
                () -> {
                    reads.incrementAndGet();
                    return stored.get();
                },
                ttlMillis,
                now::get);
    }

    private static ClassSchema schema(String className, String field) {
        return new ClassSchema(className, Map.of(field, FieldType.STRING), null, null);
    }

    @Test
    void aHitDoesNotReadTheStoreUntilTheTtlHasPassed() {
        SchemaCache cache = cache(5_000);
        assertEquals(FieldType.STRING, cache.get("A").field("one"));
        assertEquals(1, reads.get());

        stored.set(List.of(schema("A", "two"), schema("B", "x")));
        now.addAndGet(4_999);
        assertEquals(FieldType.STRING, cache.get("A").field("one"), "still trusted just before the TTL");
        assertNull(cache.get("B"));
        assertEquals(1, reads.get());

        now.addAndGet(1);
        assertNull(cache.get("A").field("one"), "read again once the TTL has passed");
        assertEquals(FieldType.STRING, cache.get("A").field("two"));
        assertEquals(2, cache.all().size());
        assertEquals(2, reads.get(), "one read of the store for the whole set");

        now.addAndGet(4_999);
        cache.get("A");
        assertEquals(2, reads.get(), "the TTL counts from the last read");
    }

    @Test
    void withoutTtlOnlyAnInvalidationReadsAgain() {
        SchemaCache cache = cache(0);
        cache.get("A");
        stored.set(List.of(schema("A", "two")));
        now.addAndGet(365L * 24 * 3600 * 1000);
        assertEquals(FieldType.STRING, cache.get("A").field("one"));
        assertEquals(1, reads.get());

        cache.invalidate();
        assertEquals(FieldType.STRING, cache.get("A").field("two"));
        assertEquals(2, reads.get());
    }

    @Test
    void aHugeTtlNeverOverflowsIntoExpiry() {
        SchemaCache cache = cache(Long.MAX_VALUE);
        cache.get("A");
        now.addAndGet(1_000_000);
        cache.get("A");
        assertEquals(1, reads.get());
    }

    @Test
    void aSchemaReadBeforeAnotherChangeIsNotKeptOverIt() {
        SchemaCache cache = cache(0);
        cache.get("A");
        long readAt = cache.version();
        ClassSchema readEarlier = schema("A", "old");
        cache.put(schema("A", "new"), cache.version()); // a change seen in between
        cache.put(readEarlier, readAt);
        assertEquals(1, reads.get());
        stored.set(List.of(schema("A", "fromStore")));
        assertEquals(
                FieldType.STRING,
                cache.get("A").field("fromStore"),
                "the stale put made the cache read everything again");
        assertEquals(2, reads.get());
    }

    @Test
    void putAndRemoveKeepTheRestCached() {
        SchemaCache cache = cache(0);
        cache.put(schema("B", "x"), cache.version()); // before the first read: nothing to add to
        cache.get("A");
        cache.put(schema("B", "x"), cache.version());
        cache.remove("A");
        assertNull(cache.get("A"));
        assertEquals(FieldType.STRING, cache.get("B").field("x"));
        assertEquals(1, reads.get());
    }
}
