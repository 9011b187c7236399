package dev.jakartaparse.core.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The compiled form of a where clause: {@link Node}s test whole objects ({@code $or}, a field's
 * constraints...), {@link Condition}s test the values one key reaches. Everything here is
 * immutable, so a compiled query can be shared between threads.
 */
final class Conditions {
    private Conditions() {}

    /** A test on a whole object. */
    interface Node {
        boolean test(Map<String, Object> object);
    }

    /** A test on the values a key reaches in an object. */
    interface Condition {
        boolean test(FieldValues values);
    }

    static final Node ALWAYS = object -> true;
    static final Condition NEVER = values -> false;

    // ---------------------------------------------------------------- object-level nodes

    /** All constraints of one key; the path is resolved once for all of them. */
    record FieldNode(String key, String[] path, Condition[] conditions) implements Node {
        @Override
        public boolean test(Map<String, Object> object) {
            FieldValues values = FieldValues.resolve(object, key, path);
            for (Condition condition : conditions) {
                if (!condition.test(values)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AllOf(Node[] nodes) implements Node {
        @Override
        public boolean test(Map<String, Object> object) {
            for (Node node : nodes) {
                if (!node.test(object)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(Node[] nodes) implements Node {
        @Override
        public boolean test(Map<String, Object> object) {
            for (Node node : nodes) {
                if (node.test(object)) {
                    return true;
                }
            }
            return false;
        }
    }

    record NoneOf(Node[] nodes) implements Node {
        @Override
        public boolean test(Map<String, Object> object) {
            for (Node node : nodes) {
                if (node.test(object)) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A value predicate applied to a field's values and, MongoDB-style, to the elements of arrays. */
    interface ValueTest {
        boolean test(Object value);
    }

    static boolean anyValueOrElement(FieldValues values, ValueTest test) {
        for (Object value : values.values) {
            if (test.test(value)) {
                return true;
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (test.test(element)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code {k: null}}: the field is missing (on some path branch), null, or an array holding null. */
    static boolean matchesNull(FieldValues values) {
        return values.missing || !values.exists() || anyValueOrElement(values, v -> v == null);
    }

    /**
     * MongoDB equality of a field with {@code expected}. With {@code pointerIds}, a string also
     * equals a pointer with that objectId: Parse Server rewrites string operands of $eq/$ne/$in/$nin
     * on Pointer columns to {@code "Class$id"}.
     */
    static boolean equalsMatch(FieldValues values, Object expected, boolean pointerIds) {
        if (expected == null) {
            return matchesNull(values);
        }
        return anyValueOrElement(
                values,
                v -> ParseValues.equal(v, expected)
                        || (pointerIds
                                && expected instanceof String id
                                && ParseValues.isPointerLike(v)
                                && id.equals(ParseValues.objectId(v))));
    }

    // ---------------------------------------------------------------- value conditions

    record Equals(Object expected, boolean pointerIds) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return equalsMatch(values, expected, pointerIds);
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return !inner.test(values);
        }
    }

    /** $lt/$lte/$gt/$gte: only values in the same BSON type bracket compare (MongoDB type bracketing). */
    record Compare(String operator, Object bound, Long relativeMillis) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            Object limit = relativeMillis != null ? Instant.now().plusMillis(relativeMillis) : bound;
            if (limit == null) {
                // {$lte: null} and {$gte: null} are equality with null; strict ones match nothing.
                return (operator.equals("$lte") || operator.equals("$gte")) && matchesNull(values);
            }
            int rank = ParseValues.rank(limit);
            return anyValueOrElement(
                    values, v -> ParseValues.rank(v) == rank && satisfies(ParseValues.compareSameRank(rank, v, limit)));
        }

        private boolean satisfies(int comparison) {
            return switch (operator) {
                case "$lt" -> comparison < 0;
                case "$lte" -> comparison <= 0;
                case "$gt" -> comparison > 0;
                default -> comparison >= 0;
            };
        }
    }

    /** $in: equality with any listed value (null matches a missing field). */
    record In(List<Object> candidates) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            for (Object candidate : candidates) {
                if (equalsMatch(values, candidate, true)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** $all with plain values: equality with each of them; an empty list matches nothing. */
    record All(List<Object> required) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            if (required.isEmpty()) {
                return false;
            }
            for (Object value : required) {
                if (!equalsMatch(values, value, false)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** $all with regexes (containsAllStartingWith): each pattern must match some string. */
    record AllRegex(List<Pattern> patterns, RegexLimit limit) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            for (Pattern pattern : patterns) {
                if (!anyValueOrElement(values, v -> v instanceof String s && limit.find(pattern, s))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * $containedBy, which Parse sends to MongoDB as {@code $nor: [{k: {$elemMatch: {$nin: list}}}]}:
     * false only when the field is an array with an element outside the list. A missing or
     * non-array field therefore matches.
     */
    record ContainedBy(List<Object> allowed) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            for (Object value : values.values) {
                if (value instanceof List<?> list) {
                    for (Object element : list) {
                        if (!isAllowed(element)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private boolean isAllowed(Object element) {
            for (Object candidate : allowed) {
                if (ParseValues.equal(element, candidate)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Exists(boolean expected) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return values.exists() == expected;
        }
    }

    record Regex(Pattern pattern, RegexLimit limit) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, v -> v instanceof String s && limit.find(pattern, s));
        }
    }

    /** $elemMatch with operators ({@code {$gt: 1}}): some array element satisfies all of them. */
    record ElemMatchValue(Condition[] conditions) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            for (Object value : values.values) {
                if (value instanceof List<?> list) {
                    for (Object element : list) {
                        if (allHold(FieldValues.of(element))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private boolean allHold(FieldValues element) {
            for (Condition condition : conditions) {
                if (!condition.test(element)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** $elemMatch with a sub-query ({@code {score: {$gt: 1}}}): some array element matches it. */
    record ElemMatchDocument(Node query) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            for (Object value : values.values) {
                if (value instanceof List<?> list) {
                    for (Object element : list) {
                        if (element instanceof Map<?, ?> map && query.test(castMap(map))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- geo conditions

    /** $nearSphere with an optional maximum distance in radians (inclusive). */
    record NearSphere(double latitude, double longitude, double maxRadians) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, v -> {
                double[] p = GeoMath.latLng(v);
                return p != null && GeoMath.radiansBetween(latitude, longitude, p[0], p[1]) <= maxRadians;
            });
        }
    }

    /** $geoWithin.$centerSphere: great-circle distance from the centre within the radius. */
    record CenterSphere(double latitude, double longitude, double radiusRadians) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, v -> {
                double[] p = GeoMath.latLng(v);
                return p != null && GeoMath.radiansBetween(latitude, longitude, p[0], p[1]) <= radiusRadians;
            });
        }
    }

    /** $within.$box on [lng, lat] legacy pairs, flat and inclusive. */
    record Box(double lng1, double lat1, double lng2, double lat2) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, v -> {
                double[] p = GeoMath.latLng(v);
                return p != null && GeoMath.inBox(p[1], p[0], lng1, lat1, lng2, lat2);
            });
        }
    }

    /** $geoWithin.$polygon on legacy pairs: flat geometry, boundary inclusive. */
    record FlatPolygon(double[] xs, double[] ys) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, v -> {
                double[] p = GeoMath.latLng(v);
                return p != null && GeoMath.inPolygon(p[1], p[0], xs, ys);
            });
        }
    }

    /** $geoIntersects.$point against a Polygon field ([lat, lng] coordinates), on the sphere. */
    record Intersects(double latitude, double longitude) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            return anyValueOrElement(values, this::intersects);
        }

        private boolean intersects(Object value) {
            if ("Polygon".equals(ParseValues.typeOf(value))) {
                double[][] ring = polygonLatLngs(((Map<?, ?>) value).get("coordinates"));
                return ring != null && GeoMath.inSphericalPolygon(latitude, longitude, ring[0], ring[1]);
            }
            double[] p = GeoMath.latLng(value);
            return p != null && p[0] == latitude && p[1] == longitude;
        }

        /** {lats[], lngs[]} of a Parse Polygon's [[lat, lng], ...], or null when malformed. */
        private static double[][] polygonLatLngs(Object coordinates) {
            if (!(coordinates instanceof List<?> list) || list.size() < 3) {
                return null;
            }
            double[] lats = new double[list.size()];
            double[] lngs = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof List<?> pair) || pair.size() < 2) {
                    return null;
                }
                lats[i] = ParseValues.toDouble(pair.get(0));
                lngs[i] = ParseValues.toDouble(pair.get(1));
                if (Double.isNaN(lats[i]) || Double.isNaN(lngs[i])) {
                    return null;
                }
            }
            return new double[][] {lats, lngs};
        }
    }

    // ---------------------------------------------------------------- full text

    /** $text over the strings (or arrays of strings) the key reaches. */
    record Text(TextSearch search) implements Condition {
        @Override
        public boolean test(FieldValues values) {
            List<String> texts = new ArrayList<>(2);
            for (Object value : values.values) {
                if (value instanceof String s) {
                    texts.add(s);
                } else if (value instanceof List<?> list) {
                    for (Object element : list) {
                        if (element instanceof String s) {
                            texts.add(s);
                        }
                    }
                }
            }
            return !texts.isEmpty() && search.matches(texts);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
