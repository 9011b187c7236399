package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.core.query.QueryMatcher;
import dev.jakartaparse.core.query.RegexLimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates, in memory, the part of a where clause the embedded backend cannot (geo, $text), with the
 * same QueryMatcher LiveQuery uses: filter, then order (explicit sort, else distance for $nearSphere),
 * then skip/limit.
 */
final class ResidualEvaluator {
    private ResidualEvaluator() {}

    /**
     * The time one find's $regex tests here may take together: as much as the embedded database
     * gives its own; past it the find fails with 124 rather than hold a thread for seconds.
     */
    static final long REGEX_MILLIS_PER_QUERY = 500;

    /** The residual clause compiled once, for testing every candidate (of one find, on one thread). */
    static Predicate<Map<String, Object>> matcher(Map<String, Object> residualWhere) {
        return QueryMatcher.compile(residualWhere, RegexLimit.perQuery(REGEX_MILLIS_PER_QUERY))::matches;
    }

    /** Orders, skips and limits REST objects that already matched. */
    static List<Map<String, Object>> order(
            List<Map<String, Object>> objects,
            Map<String, Object> residualWhere,
            Map<String, Integer> sort,
            int skip,
            int limit) {
        List<Map<String, Object>> sorted = new ArrayList<>(objects);
        if (sort != null && !sort.isEmpty()) {
            sorted.sort(QueryMatcher.sortComparator(new LinkedHashMap<>(sort)));
        } else {
            Map.Entry<String, Map<String, Object>> near = WhereSplitter.nearSphere(residualWhere);
            if (near != null) {
                String field = near.getKey();
                Map<String, Object> point = near.getValue();
                sorted.sort(Comparator.comparingDouble(o -> distance(o.get(field), point)));
            }
        }
        int from = Math.min(Math.max(skip, 0), sorted.size());
        int to = limit < 0 ? sorted.size() : Math.min(sorted.size(), from + limit);
        return new ArrayList<>(sorted.subList(from, to));
    }

    @SuppressWarnings("unchecked")
    private static double distance(Object value, Map<String, Object> point) {
        if (value instanceof Map<?, ?> geo && "GeoPoint".equals(geo.get("__type"))) {
            return QueryMatcher.distanceRadians((Map<String, Object>) geo, point);
        }
        return Double.MAX_VALUE;
    }
}
