package dev.jakartaparse.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 backend with a faster sort. The stock sort looks up each sort key of
 * both documents on every comparison (splitting the key path each time), which made a sorted
 * find cost several times an unsorted one. Here each matching document's sort values are looked
 * up once, then sorted with the same value comparator, so results and order are unchanged.
 */
final class SortingH2Backend extends H2Backend {
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    SortingH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    // An inner class: the super constructors open collections before any field of ours is set,
    // but the enclosing backend (and its store) is already there.
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap(DATABASES_PREFIX + fullName);
            MVMap<String, Object> metaMap = getMvStore().openMap(META_PREFIX + fullName);
            return new Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                       int skip, int limit, int batchSize, Document fieldSelector) {
            if (orderBy == null || orderBy.isEmpty() || "$natural".equals(orderBy.keySet().iterator().next())) {
                return super.matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            List<String> keys = new ArrayList<>(orderBy.keySet());
            List<ValueComparator> directions = new ArrayList<>();
            for (String key : keys) {
                directions.add(((Number) orderBy.get(key)).intValue() > 0 ? ValueComparator.asc() : ValueComparator.desc());
            }
            List<Keyed> matched = new ArrayList<>();
            documents.filter(d -> documentMatchesQuery(d, query)).forEach(d -> {
                Object[] values = new Object[keys.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = sortable(Utils.getSubdocumentValueCollectionAware(d, keys.get(i)));
                }
                matched.add(new Keyed(d, values));
            });
            Comparator<Keyed> byValues = (a, b) -> {
                for (int i = 0; i < a.values.length; i++) {
                    int c = compare(a.values[i], b.values[i], directions.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
            matched.sort(byValues); // stable, as the stock sorted stream
            // Skip, limit and projection as the stock code does; everything left already matches.
            return super.matchDocumentsFromStream(new Document(), matched.stream().map(k -> k.document),
                    skip, limit, batchSize, null, fieldSelector);
        }

        private record Keyed(Document document, Object[] values) {
        }

        /** A number that the stock comparator would compare as a double (no long involved). */
        private record FastNumber(double value) {
        }

        /**
         * Numbers become FastNumber when the stock comparator would compare them with
         * Double.compare after its normalisation (ints and non-integral doubles; -0.0 counts as 0);
         * everything else keeps its value and goes through the stock comparator.
         */
        private static Object sortable(Object v) {
            if (v instanceof Integer || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return new FastNumber(d);
                }
                if (((Number) v).intValue() == d) {
                    return new FastNumber(((Number) v).intValue());
                }
                if (((Number) v).longValue() == d) {
                    return v; // normalised to a long by the stock comparator: keep its rules
                }
                return new FastNumber(d);
            }
            return v;
        }

        private static int compare(Object a, Object b, ValueComparator direction) {
            int c;
            if (a instanceof FastNumber x && b instanceof FastNumber y) {
                c = Double.compare(x.value(), y.value());
            } else if (a instanceof String x && b instanceof String y) {
                c = x.compareTo(y);
            } else {
                return direction.compare(raw(a), raw(b));
            }
            return direction == ValueComparator.asc() ? c : -c;
        }

        private static Object raw(Object v) {
            return v instanceof FastNumber n ? Double.valueOf(n.value()) : v;
        }
    }
}
