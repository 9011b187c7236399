package dev.jakartaparse.core.schema;

import dev.jakartaparse.model.ClassSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The schemas of all classes as this server last read them. A hit is a map lookup and a time
 * check; the whole set is read again from the store after {@code invalidate()} (another server
 * changed a schema) or once the TTL (Parse Server's {@code schemaCacheTtl}) has passed.
 *
 * <p>Every change bumps a version. A caller that reads one class from the store notes the
 * version first and {@link #put} keeps the result only if nothing changed in between; otherwise
 * the read may predate a change the cache already saw, so the whole set is read again instead.
 */
final class SchemaCache {
    private final Supplier<Collection<ClassSchema>> loader;
    private final long ttlMillis;
    private final LongSupplier clock;

    /** Null: must be read from the store before use. */
    private volatile Map<String, ClassSchema> classes;

    private volatile long expiresAt;
    private volatile long version;

    /**
     * @param loader    reads every class's schema from the store
     * @param ttlMillis how long a read set stays trusted; 0 or less: until invalidated
     * @param clock     the current time in milliseconds
     */
    SchemaCache(Supplier<Collection<ClassSchema>> loader, long ttlMillis, LongSupplier clock) {
        this.loader = loader;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** The cached schema of the class, or null when the store had none when last read. */
    ClassSchema get(String className) {
        return current().get(className);
    }

    boolean contains(String className) {
        return current().containsKey(className);
    }

    List<ClassSchema> all() {
        return new ArrayList<>(current().values());
    }

    /** The version to pass to {@link #put} for a schema about to be read from the store. */
    long version() {
        return version;
    }

    /** Keeps a schema read from the store after {@link #version()} returned readAt. */
    synchronized void put(ClassSchema schema, long readAt) {
        if (classes == null) {
            return;
        }
        if (version != readAt) {
            invalidate();
            return;
        }
        classes.put(schema.className(), schema);
        version++;
    }

    synchronized void remove(String className) {
        if (classes != null) {
            classes.remove(className);
        }
        version++;
    }

    /** Forgets everything: the next use reads every schema from the store again. */
    synchronized void invalidate() {
        classes = null;
        version++;
    }

    private Map<String, ClassSchema> current() {
        Map<String, ClassSchema> c = classes;
        if (c != null && (ttlMillis <= 0 || clock.getAsLong() < expiresAt)) {
            return c;
        }
        return reload();
    }

    private synchronized Map<String, ClassSchema> reload() {
        long now = clock.getAsLong();
        if (classes != null && (ttlMillis <= 0 || now < expiresAt)) {
            return classes;
        }
        Map<String, ClassSchema> read = new ConcurrentHashMap<>();
        for (ClassSchema s : loader.get()) {
            read.put(s.className(), s);
        }
        expiresAt = ttlMillis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttlMillis;
        version++;
        classes = read;
        return read;
    }
}
