package dev.jakartaparse.core.query;

import dev.jakartaparse.core.query.Conditions.Condition;
import dev.jakartaparse.core.query.Conditions.Node;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates a Parse REST {@code where} clause against one object in memory, with the results
 * Parse Server gets from MongoDB. Where Parse's own LiveQuery matcher and MongoDB disagree,
 * MongoDB wins, since this stands in for the database.
 *
 * <p>Validation happens while compiling, so a malformed clause fails the same way whatever the
 * object; errors carry Parse Server's codes and messages (unknown operator:
 * {@code 107 "bad constraint: $foo"}). Sub-query operators ($select, $dontSelect, $inQuery,
 * $notInQuery, $relatedTo) must be resolved by the caller and are refused with 102.
 *
 * <p>Thread-safe: no shared state; a compiled query is immutable.
 */
public final class QueryMatcher {
    private QueryMatcher() {}

    /** Keys whose string operand Parse Server turns into a date for plain equality. */
    private static final Set<String> DATE_KEYS = Set.of(
            "createdAt",
            "updatedAt",
            "expiresAt",
            "lastUsed",
            "_email_verify_token_expires_at",
            "_account_lockout_expires_at",
            "_perishable_token_expires_at",
            "_password_changed_at");

    private static final Pattern REGEX_OPTIONS = Pattern.compile("[imxs]+");

    private static final Set<String> UNRESOLVED =
            Set.of("$select", "$dontSelect", "$inQuery", "$notInQuery", "$relatedTo");

    /** Whether {@code object} satisfies {@code where} (null or empty where matches everything). */
    public static boolean matches(Map<String, Object> object, Map<String, Object> where) {
        return compile(where).matches(object);
    }

    /** Validates and compiles {@code where} for repeated evaluation. */
    public static CompiledQuery compile(Map<String, Object> where) {
        return compile(where, RegexLimit.NONE);
    }

    /** As {@link #compile(Map)}, its $regex tests bounded in time by limit. */
    public static CompiledQuery compile(Map<String, Object> where, RegexLimit limit) {
        return new CompiledQuery(compileWhere(where, limit));
    }

    /**
     * MongoDB's text score ({@code $meta: "textScore"}) of an object for the {@code $text} constraint
     * of a where clause (at the top level or in an {@code $and}); null when the clause has none.
     */
    public static Double textScore(Map<String, Object> where, Map<String, Object> object) {
        Map.Entry<String, Object> text = textConstraint(where);
        if (text == null) {
            return null;
        }
        TextSearch search = TextSearch.fromConstraint(text.getValue());
        List<String> texts = new ArrayList<>();
        String key = text.getKey();
        for (Object value : FieldValues.resolve(object, key, key.split("\\.")).values) {
            if (value instanceof String s) {
                texts.add(s);
            } else if (value instanceof List<?> list) {
                list.stream().filter(String.class::isInstance).forEach(v -> texts.add((String) v));
            }
        }
        return search.score(texts);
    }

    /** The field and argument of the first {@code $text} constraint of a where clause. */
    private static Map.Entry<String, Object> textConstraint(Map<String, Object> where) {
        if (where == null) {
            return null;
        }
        for (Map.Entry<String, Object> e : where.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> c && c.containsKey("$text")) {
                return Map.entry(e.getKey(), c.get("$text"));
            }
            if ("$and".equals(e.getKey()) && e.getValue() instanceof List<?> branches) {
                for (Object b : branches) {
                    if (b instanceof Map<?, ?> m) {
                        Map.Entry<String, Object> found = textConstraint(Conditions.castMap(m));
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Great-circle distance in radians between two GeoPoint maps (for ordering $nearSphere results). */
    public static double distanceRadians(Map<String, Object> geoPointA, Map<String, Object> geoPointB) {
        double[] a = GeoMath.latLng(geoPointA);
        double[] b = GeoMath.latLng(geoPointB);
        if (a == null || b == null) {
            throw new IllegalArgumentException("distanceRadians needs two GeoPoints");
        }
        return GeoMath.radiansBetween(a[0], a[1], b[0], b[1]);
    }

    /**
     * Orders REST objects as MongoDB sorts them: by BSON type (null/missing &lt; numbers &lt; strings
     * &lt; objects &lt; arrays &lt; booleans &lt; dates), then by value; createdAt/updatedAt and Date
     * maps by instant; an array sorts by its smallest element ascending and its largest descending.
     * Values of {@code sort} below zero mean descending. Keys starting with {@code $} (such as
     * {@code $score}) are left to the caller.
     */
    public static Comparator<Map<String, Object>> sortComparator(LinkedHashMap<String, Integer> sort) {
        List<String> keys = new ArrayList<>();
        List<String[]> paths = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sort.entrySet()) {
            if (e.getKey().startsWith("$")) {
                continue;
            }
            keys.add(e.getKey());
            paths.add(e.getKey().split("\\."));
            descending.add(e.getValue() != null && e.getValue() < 0);
        }
        return (a, b) -> {
            for (int i = 0; i < keys.size(); i++) {
                boolean desc = descending.get(i);
                Object ka = sortKey(a, keys.get(i), paths.get(i), desc);
                Object kb = sortKey(b, keys.get(i), paths.get(i), desc);
                int c = ParseValues.compare(ka, kb);
                if (c != 0) {
                    return desc ? -c : c;
                }
            }
            return 0;
        };
    }

    /** The value MongoDB sorts an object by: arrays contribute their min (ascending) or max element. */
    private static Object sortKey(Map<String, Object> object, String key, String[] path, boolean descending) {
        FieldValues values = FieldValues.resolve(object == null ? Map.of() : object, key, path);
        boolean found = false;
        Object best = null;
        if (values.missing || !values.exists()) {
            found = true; // a missing branch sorts as null
        }
        for (Object value : values.values) {
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    best = pick(best, found, ParseValues.EMPTY_ARRAY, descending);
                    found = true;
                }
                for (Object element : list) {
                    best = pick(best, found, element, descending);
                    found = true;
                }
            } else {
                best = pick(best, found, value, descending);
                found = true;
            }
        }
        return best;
    }

    private static Object pick(Object best, boolean haveBest, Object candidate, boolean descending) {
        if (!haveBest) {
            return candidate;
        }
        int c = ParseValues.compare(candidate, best);
        return (descending ? c > 0 : c < 0) ? candidate : best;
    }

    // ---------------------------------------------------------------- compiling where clauses

    static Node compileWhere(Map<String, Object> where, RegexLimit limit) {
        if (where == null || where.isEmpty()) {
            return Conditions.ALWAYS;
        }
        List<Node> nodes = new ArrayList<>(where.size());
        for (Map.Entry<String, Object> e : where.entrySet()) {
            nodes.add(compileEntry(e.getKey(), e.getValue(), limit));
        }
        return nodes.size() == 1 ? nodes.get(0) : new Conditions.AllOf(nodes.toArray(Node[]::new));
    }

    private static Node compileEntry(String key, Object constraint, RegexLimit limit) {
        switch (key) {
            case "$or":
                return new Conditions.AnyOf(subQueries(key, constraint, limit));
            case "$and":
                return new Conditions.AllOf(subQueries(key, constraint, limit));
            case "$nor":
                return new Conditions.NoneOf(subQueries(key, constraint, limit));
            case "$relatedTo":
                throw unresolved(key);
            default:
                break;
        }
        if (key.startsWith("$")) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
        }
        return new Conditions.FieldNode(key, key.split("\\."), compileConstraint(key, constraint, limit));
    }

    private static Node[] subQueries(String operator, Object value, RegexLimit limit) {
        if (!(value instanceof List<?> list)) {
            throw new ParseException(ParseError.INVALID_QUERY, "Bad " + operator + " format - use an array value.");
        }
        if (list.isEmpty()) {
            throw new ParseException(
                    ParseError.INVALID_QUERY, "Bad " + operator + " format - use an array of at least 1 value.");
        }
        Node[] nodes = new Node[list.size()];
        for (int i = 0; i < nodes.length; i++) {
            if (!(list.get(i) instanceof Map<?, ?> sub)) {
                throw new ParseException(
                        ParseError.INVALID_QUERY, "Bad " + operator + " format - entries must be objects.");
            }
            nodes[i] = compileWhere(Conditions.castMap(sub), limit);
        }
        return nodes;
    }

    private static Condition[] compileConstraint(String key, Object constraint, RegexLimit limit) {
        if (constraint instanceof Map<?, ?> map && hasOperator(map)) {
            return compileOperators(Conditions.castMap(map), limit);
        }
        return new Condition[] {equality(key, constraint)};
    }

    private static boolean hasOperator(Map<?, ?> map) {
        for (Object k : map.keySet()) {
            if (k instanceof String s && s.startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    /** Plain equality {@code {k: value}}; Parse turns a string compared with createdAt etc. into a date. */
    private static Condition equality(String key, Object value) {
        if (value instanceof String iso && DATE_KEYS.contains(key)) {
            Instant instant = ParseValues.parseIso(iso);
            return instant == null ? Conditions.NEVER : new Conditions.Equals(instant, false);
        }
        return new Conditions.Equals(ParseValues.canonical(value), false);
    }

    private static Condition[] compileOperators(Map<String, Object> constraints, RegexLimit limit) {
        for (String op : constraints.keySet()) {
            if (!op.startsWith("$")) {
                throw new ParseException(
                        ParseError.INVALID_JSON, "You cannot use [object Object] as a query parameter.");
            }
        }
        List<Condition> conditions = new ArrayList<>(constraints.size());
        for (Map.Entry<String, Object> e : constraints.entrySet()) {
            Condition condition = compileOperator(e.getKey(), e.getValue(), constraints, limit);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        return conditions.toArray(Condition[]::new);
    }

    /** One operator; null for operators that only modify a sibling ($options, $maxDistance...). */
    private static Condition compileOperator(String op, Object arg, Map<String, Object> constraints, RegexLimit limit) {
        switch (op) {
            case "$eq":
                return new Conditions.Equals(plainOperand(op, arg), true);
            case "$ne":
                return new Conditions.Not(new Conditions.Equals(plainOperand(op, arg), true));
            case "$lt":
            case "$lte":
            case "$gt":
            case "$gte":
                return comparison(op, arg);
            case "$in":
                return new Conditions.In(flattenedList(op, arg));
            case "$nin":
                return new Conditions.Not(new Conditions.In(flattenedList(op, arg)));
            case "$all":
                return all(arg, limit);
            case "$containedBy":
                if (!(arg instanceof List<?> allowed)) {
                    throw new ParseException(ParseError.INVALID_JSON, "bad $containedBy: should be an array");
                }
                return new Conditions.ContainedBy(canonicalList(allowed));
            case "$exists":
                if (arg instanceof Map<?, ?> m && m.get("$relativeTime") != null) {
                    throw relativeTimeMisuse();
                }
                return new Conditions.Exists(isTruthy(arg));
            case "$regex":
                return new Conditions.Regex(regex(arg, constraints.get("$options")), limit);
            case "$options":
            case "$maxDistance":
            case "$maxDistanceInRadians":
            case "$maxDistanceInKilometers":
            case "$maxDistanceInMiles":
                return null;
            case "$elemMatch":
                return elemMatch(arg, limit);
            case "$nearSphere":
                return nearSphere(arg, constraints);
            case "$within":
                return box(arg);
            case "$geoWithin":
                return geoWithin(arg);
            case "$geoIntersects":
                return geoIntersects(arg);
            case "$text":
                return new Conditions.Text(TextSearch.fromConstraint(arg));
            default:
                if (UNRESOLVED.contains(op)) {
                    throw unresolved(op);
                }
                throw new ParseException(ParseError.INVALID_JSON, "bad constraint: " + op);
        }
    }

    // ---------------------------------------------------------------- comparison operators

    /** Operand of $eq/$ne, which cannot be relative times. */
    private static Object plainOperand(String op, Object arg) {
        if (arg instanceof Map<?, ?> m && m.get("$relativeTime") != null) {
            throw relativeTimeMisuse();
        }
        return ParseValues.canonical(arg);
    }

    private static Condition comparison(String op, Object arg) {
        if (arg instanceof Map<?, ?> m && m.get("$relativeTime") != null) {
            if (!(m.get("$relativeTime") instanceof String text)) {
                throw new ParseException(ParseError.INVALID_JSON, "bad $relativeTime (" + op + ") value.");
            }
            return new Conditions.Compare(op, null, RelativeTime.parseOffsetMillis(text, op));
        }
        return new Conditions.Compare(op, ParseValues.canonical(arg), null);
    }

    private static ParseException relativeTimeMisuse() {
        return new ParseException(
                ParseError.INVALID_JSON, "$relativeTime can only be used with the $lt, $lte, $gt, and $gte operators");
    }

    /** $in/$nin list; Parse flattens nested arrays one level ({@code [[1,2],3]} is {@code [1,2,3]}). */
    private static List<Object> flattenedList(String op, Object arg) {
        if (!(arg instanceof List<?> list)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad " + op + " value");
        }
        List<Object> flat = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof List<?> nested) {
                for (Object element : nested) {
                    flat.add(ParseValues.canonical(element));
                }
            } else {
                flat.add(ParseValues.canonical(item));
            }
        }
        return Collections.unmodifiableList(flat);
    }

    private static Condition all(Object arg, RegexLimit limit) {
        if (!(arg instanceof List<?> list)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $all value");
        }
        int regexCount = 0;
        for (Object item : list) {
            if (item instanceof Map<?, ?> m && m.containsKey("$regex")) {
                regexCount++;
            }
        }
        if (regexCount == 0) {
            return new Conditions.All(canonicalList(list));
        }
        if (regexCount != list.size()) {
            throw new ParseException(ParseError.INVALID_JSON, "All $all values must be of regex type or none: " + list);
        }
        List<Pattern> patterns = new ArrayList<>(list.size());
        for (Object item : list) {
            // Parse builds these with new RegExp(atom.$regex): any $options are dropped.
            patterns.add(Regexes.compile(String.valueOf(((Map<?, ?>) item).get("$regex")), ""));
        }
        return new Conditions.AllRegex(List.copyOf(patterns), limit);
    }

    private static Pattern regex(Object regex, Object options) {
        if (!(regex instanceof String pattern)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad regex: " + regex);
        }
        if (options == null) {
            return Regexes.compile(pattern, "");
        }
        if (!(options instanceof String flags)
                || (!pattern.isEmpty() && !REGEX_OPTIONS.matcher(flags).matches())) {
            // Parse Server's validateQuery refuses anything but i, m, x, s (even "") for a non-empty regex.
            throw new ParseException(ParseError.INVALID_QUERY, "Bad $options value for query: " + options);
        }
        return Regexes.compile(pattern, flags);
    }

    private static Condition elemMatch(Object arg, RegexLimit limit) {
        if (!(arg instanceof Map<?, ?> map)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $elemMatch value");
        }
        Map<String, Object> inner = Conditions.castMap(map);
        if (hasOperator(inner)
                && !inner.containsKey("$or")
                && !inner.containsKey("$and")
                && !inner.containsKey("$nor")) {
            return new Conditions.ElemMatchValue(compileOperators(inner, limit));
        }
        return new Conditions.ElemMatchDocument(compileWhere(inner, limit));
    }

    // ---------------------------------------------------------------- geo operators

    private static Condition nearSphere(Object arg, Map<String, Object> constraints) {
        double[] center = GeoMath.latLng(arg);
        if (center == null) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $nearSphere value; should be GeoPoint");
        }
        // Parse applies these in reverse key order, so $maxDistance wins, then kilometers, miles, radians.
        double max = Double.POSITIVE_INFINITY;
        Double radians = maxDistance(constraints, "$maxDistanceInRadians", 1.0);
        Double miles = maxDistance(constraints, "$maxDistanceInMiles", GeoMath.EARTH_RADIUS_MILES);
        Double kilometers = maxDistance(constraints, "$maxDistanceInKilometers", GeoMath.EARTH_RADIUS_KM);
        Double plain = maxDistance(constraints, "$maxDistance", 1.0);
        for (Double candidate : new Double[] {radians, miles, kilometers, plain}) {
            if (candidate != null) {
                max = candidate;
            }
        }
        return new Conditions.NearSphere(center[0], center[1], max);
    }

    private static Double maxDistance(Map<String, Object> constraints, String key, double divisor) {
        Object value = constraints.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number n)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad " + key + " value; should be a number");
        }
        return n.doubleValue() / divisor;
    }

    private static Condition box(Object arg) {
        Object box = arg instanceof Map<?, ?> m ? m.get("$box") : null;
        if (!(box instanceof List<?> corners) || corners.size() != 2) {
            throw new ParseException(ParseError.INVALID_JSON, "malformatted $within arg");
        }
        double[] southWest = GeoMath.latLng(corners.get(0));
        double[] northEast = GeoMath.latLng(corners.get(1));
        if (southWest == null || northEast == null) {
            throw new ParseException(ParseError.INVALID_JSON, "malformatted $within arg");
        }
        return new Conditions.Box(southWest[1], southWest[0], northEast[1], northEast[0]);
    }

    private static Condition geoWithin(Object arg) {
        Map<?, ?> within = arg instanceof Map<?, ?> m ? m : Map.of();
        Object polygon = within.get("$polygon");
        if (polygon != null) {
            return flatPolygon(polygon);
        }
        Object centerSphere = within.get("$centerSphere");
        if (centerSphere != null) {
            return centerSphere(centerSphere);
        }
        throw new ParseException(ParseError.INVALID_JSON, "bad $geoWithin value; needs $polygon or $centerSphere");
    }

    /**
     * $polygon as MongoDB receives it from Parse: GeoPoints, or raw pairs passed through as
     * [x = longitude, y = latitude] (also the coordinates of a Polygon object given here).
     */
    private static Condition flatPolygon(Object polygon) {
        List<?> points;
        if ("Polygon".equals(ParseValues.typeOf(polygon))) {
            Object coordinates = ((Map<?, ?>) polygon).get("coordinates");
            if (!(coordinates instanceof List<?> list) || list.size() < 3) {
                throw new ParseException(
                        ParseError.INVALID_JSON,
                        "bad $geoWithin value; Polygon.coordinates should contain at least 3 lon/lat pairs");
            }
            points = list;
        } else if (polygon instanceof List<?> list) {
            if (list.size() < 3) {
                throw new ParseException(
                        ParseError.INVALID_JSON, "bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
            }
            points = list;
        } else {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's");
        }
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double[] lngLat = lngLatOf(points.get(i), "bad $geoWithin value");
            xs[i] = lngLat[0];
            ys[i] = lngLat[1];
        }
        return new Conditions.FlatPolygon(xs, ys);
    }

    private static Condition centerSphere(Object centerSphere) {
        if (!(centerSphere instanceof List<?> parts) || parts.size() < 2) {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance");
        }
        double[] lngLat = lngLatOf(parts.get(0), "bad $geoWithin value; $centerSphere geo point invalid");
        if (!(parts.get(1) instanceof Number distance)
                || Double.isNaN(distance.doubleValue())
                || distance.doubleValue() < 0) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $geoWithin value; $centerSphere distance invalid");
        }
        return new Conditions.CenterSphere(lngLat[1], lngLat[0], distance.doubleValue());
    }

    /** {lng, lat} of a GeoPoint map or a [lng, lat] pair, validated like Parse.GeoPoint. */
    private static double[] lngLatOf(Object point, String error) {
        if (point instanceof List<?> pair && pair.size() == 2) {
            double lng = ParseValues.toDouble(pair.get(0));
            double lat = ParseValues.toDouble(pair.get(1));
            GeoMath.validate(lat, lng);
            return new double[] {lng, lat};
        }
        double[] latLng = GeoMath.latLng(point);
        if (latLng == null) {
            throw new ParseException(ParseError.INVALID_JSON, error);
        }
        GeoMath.validate(latLng[0], latLng[1]);
        return new double[] {latLng[1], latLng[0]};
    }

    private static Condition geoIntersects(Object arg) {
        Object point = arg instanceof Map<?, ?> m ? m.get("$point") : null;
        double[] latLng = GeoMath.latLng(point);
        if (latLng == null) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $geoIntersect value; $point should be GeoPoint");
        }
        GeoMath.validate(latLng[0], latLng[1]);
        return new Conditions.Intersects(latLng[0], latLng[1]);
    }

    // ---------------------------------------------------------------- misc

    private static ParseException unresolved(String op) {
        return new ParseException(ParseError.INVALID_QUERY, op + " must be resolved before in-memory matching");
    }

    /** MongoDB reads $exists by truthiness: false, 0 and null mean "must not exist". */
    private static boolean isTruthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        return !(value instanceof Number n) || n.doubleValue() != 0;
    }

    /** An immutable copy with Date maps turned into Instants (List.copyOf would refuse nulls). */
    private static List<Object> canonicalList(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        for (Object item : list) {
            copy.add(ParseValues.canonical(item));
        }
        return Collections.unmodifiableList(copy);
    }
}
