package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * How the embedded store keeps the keys of its unique indexes (_id, username, email, ...): as BSON,
 * ordered by MongoDB's value order. H2's default compares such keys by Java-serializing both on
 * every comparison, so each lookup in an index serialized a dozen keys.
 *
 * <p>The keys are normalised by mongo-java-server (numbers as doubles), so two keys compare equal
 * exactly when they are equal.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    static final KeyValueType INSTANCE = new KeyValueType();

    private KeyValueType() {}

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = ValueComparator.asc().compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 40 * key.size();
    }

    /** As a BSON document {"0": first value, "1": second, ...}. */
    @Override
    public void write(WriteBuffer out, KeyValue key) {
        H2Bson.writeIndexed(out, key);
    }

    @Override
    public KeyValue read(ByteBuffer in) {
        return new KeyValue(new ArrayList<>(H2Bson.read(in).values()));
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
