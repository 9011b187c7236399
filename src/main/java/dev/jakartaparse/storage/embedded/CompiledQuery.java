package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A query of the embedded store compiled once per find instead of read again for every stored
 * document. mongo-java-server's matcher walks the query for each document (splitting keys, looking
 * operators up by name); over a thousand documents that was most of a find's cost.
 *
 * <p>Compiled here: {@code $and}/{@code $or} and top-level fields tested against plain values by
 * equality, {@code $eq}, {@code $ne}, {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte},
 * {@code $in}, {@code $nin} and {@code $exists}: the shapes Parse's queries and ACL checks are made
 * of. A compiled test only decides for a stored value that is missing or a single value, with the
 * stock matcher's own rules (its null/missing equality, number normalisation and type brackets).
 * An array or embedded document in the stored value, and every other query shape (dotted keys,
 * regexes, other operators), goes to the stock matcher clause by clause, so results are the same.
 */
final class CompiledQuery {

    private CompiledQuery() {}

    /**
     * @param stock the stock matcher, asked for whatever is not compiled (with a query of one key)
     */
    static Predicate<Document> compile(Document query, BiPredicate<Document, Document> stock) {
        List<Predicate<Document>> clauses = new ArrayList<>();
        for (Map.Entry<String, Object> e : query.entrySet()) {
            clauses.add(clause(e.getKey(), e.getValue(), stock));
        }
        return all(clauses);
    }

    private static Predicate<Document> clause(String key, Object value, BiPredicate<Document, Document> stock) {
        Document alone = new Document(key, value);
        Predicate<Document> viaStock = d -> stock.test(d, alone);
        if ("$and".equals(key) || "$or".equals(key)) {
            List<Predicate<Document>> parts = subqueries(value, stock);
            if (parts == null) {
                return viaStock; // the stock matcher raises its own error
            }
            return "$and".equals(key) ? all(parts) : any(parts);
        }
        if (key.isEmpty() || key.charAt(0) == '$' || key.indexOf('.') >= 0) {
            return viaStock;
        }
        Predicate<Object> test = valueTest(value);
        if (test == null) {
            return viaStock;
        }
        return d -> {
            Object stored = d.getOrMissing(key);
            if (stored instanceof Collection<?> || stored instanceof Map<?, ?>) {
                return viaStock.test(d);
            }
            return test.test(stored);
        };
    }

    private static List<Predicate<Document>> subqueries(Object value, BiPredicate<Document, Document> stock) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<Predicate<Document>> parts = new ArrayList<>();
        for (Object q : list) {
            if (!(q instanceof Document sub)) {
                return null;
            }
            parts.add(compile(sub, stock));
        }
        return parts;
    }

    private static <T> Predicate<T> all(List<Predicate<T>> parts) {
        return d -> {
            for (Predicate<T> p : parts) {
                if (!p.test(d)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<Document> any(List<Predicate<Document>> parts) {
        return d -> {
            for (Predicate<Document> p : parts) {
                if (p.test(d)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The test of a single stored value against the query value, or null when not compiled. */
    private static Predicate<Object> valueTest(Object queryValue) {
        if (queryValue instanceof Document ops) {
            return operatorsTest(ops);
        }
        if (!isPlain(queryValue)) {
            return null;
        }
        return stored -> nullAwareEquals(stored, queryValue);
    }

    private static Predicate<Object> operatorsTest(Document ops) {
        if (ops.isEmpty() || ops.containsKey("$regex")) {
            return null;
        }
        List<Predicate<Object>> tests = new ArrayList<>();
        for (Map.Entry<String, Object> e : ops.entrySet()) {
            Predicate<Object> t = operatorTest(e.getKey(), e.getValue());
            if (t == null) {
                return null;
            }
            tests.add(t);
        }
        return all(tests);
    }

    private static Predicate<Object> operatorTest(String op, Object operand) {
        switch (op) {
            case "$eq":
                return isPlain(operand) ? stored -> nullAwareEquals(stored, operand) : null;
            case "$ne":
                return isPlain(operand) ? stored -> !nullAwareEquals(stored, operand) : null;
            case "$in":
                return inTest(operand, true);
            case "$nin":
                return inTest(operand, false);
            case "$exists":
                if (!(operand instanceof Boolean wanted)) {
                    return null;
                }
                return stored -> (stored instanceof Missing) != wanted;
            case "$gt":
                return comparable(operand)
                        ? s -> comparableTypes(s, operand)
                                && ValueComparator.desc().compare(s, operand) < 0
                        : null;
            case "$gte":
                return comparable(operand)
                        ? s -> comparableTypes(s, operand)
                                && ValueComparator.desc().compare(s, operand) <= 0
                        : null;
            case "$lt":
                return comparable(operand)
                        ? s -> comparableTypes(s, operand)
                                && ValueComparator.asc().compare(s, operand) < 0
                        : null;
            case "$lte":
                return comparable(operand)
                        ? s -> comparableTypes(s, operand)
                                && ValueComparator.asc().compare(s, operand) <= 0
                        : null;
            default:
                return null;
        }
    }

    private static Predicate<Object> inTest(Object operand, boolean in) {
        if (!(operand instanceof Collection<?> candidates)) {
            return null;
        }
        for (Object c : candidates) {
            if (!isPlain(c)) {
                return null;
            }
        }
        List<Object> values = new ArrayList<>(candidates);
        return stored -> {
            for (Object c : values) {
                if (nullAwareEquals(c, stored)) {
                    return in;
                }
            }
            return !in;
        };
    }

    /** Values whose equality and order the compiled tests decide exactly as the stock matcher. */
    private static boolean isPlain(Object v) {
        return v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Double
                || v instanceof Instant
                || v instanceof Date
                || v instanceof ObjectId;
    }

    private static boolean comparable(Object operand) {
        return operand != null && isPlain(operand);
    }

    // The stock matcher's rules (mongo-java-server Utils/DefaultQueryMatcher, not public there).

    static boolean nullAwareEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        boolean aNone = a == null || a instanceof Missing;
        boolean bNone = b == null || b instanceof Missing;
        if (aNone || bNone) {
            return aNone && bNone;
        }
        return Objects.equals(normalize(a), normalize(b));
    }

    private static boolean comparableTypes(Object stored, Object operand) {
        Object a = normalize(stored);
        Object b = normalize(operand);
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            return true;
        }
        return a.getClass().equals(b.getClass());
    }

    /** Numbers as doubles (-0.0 as 0.0) unless a long a double cannot hold; null for missing. */
    private static Object normalize(Object v) {
        if (v == null || v instanceof Missing) {
            return null;
        }
        if (v instanceof Long l && l.longValue() != (long) l.doubleValue()) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == -0.0 ? 0.0 : d;
        }
        return v;
    }
}
