package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.core.query.QueryMatcher;
import dev.jakartaparse.core.query.RegexLimit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates, in memory, the part of a where clause the embedded backend cannot (geo, $text), with the
 * same QueryMatcher LiveQuery uses: filter, then order (explicit sort, else distance for $nearSphere),
 * then skip/limit. The text score of a $text query ({@code $score} in the sort or keys) is computed
 * here too, as MongoDB computes it.
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

    /** The text score of each object for the residual clause's $text (none without one), by identity. */
    static Map<Map<String, Object>, Double> textScores(
            List<Map<String, Object>> objects, Map<String, Object> residualWhere) {
        Map<Map<String, Object>, Double> scores = new IdentityHashMap<>();
        for (Map<String, Object> o : objects) {
            Double score = QueryMatcher.textScore(residualWhere, o);
            if (score != null) {
                scores.put(o, score);
            }
        }
        return scores;
    }

    /** Orders, skips and limits REST objects that already matched; {@code $score} sorts by the scores given. */
    static List<Map<String, Object>> order(
            List<Map<String, Object>> objects,
            Map<String, Object> residualWhere,
            Map<String, Integer> sort,
            Map<Map<String, Object>, Double> scores,
            int skip,
            int limit) {
        List<Map<String, Object>> sorted = new ArrayList<>(objects);
        if (sort != null && !sort.isEmpty()) {
            sorted.sort(comparator(sort, scores));
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

    /** The sort keys in their order; the text score sorts highest first, as MongoDB sorts it. */
    private static Comparator<Map<String, Object>> comparator(
            Map<String, Integer> sort, Map<Map<String, Object>, Double> scores) {
        Comparator<Map<String, Object>> all = (a, b) -> 0;
        for (Map.Entry<String, Integer> e : sort.entrySet()) {
            Comparator<Map<String, Object>> one;
            if ("$score".equals(e.getKey())) {
                one = Comparator.comparingDouble((Map<String, Object> o) -> scores.getOrDefault(o, 0.0))
                        .reversed();
            } else {
                LinkedHashMap<String, Integer> single = new LinkedHashMap<>();
                single.put(e.getKey(), e.getValue());
                one = QueryMatcher.sortComparator(single);
            }
            all = all.thenComparing(one);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static double distance(Object value, Map<String, Object> point) {
        if (value instanceof Map<?, ?> geo && "GeoPoint".equals(geo.get("__type"))) {
            return QueryMatcher.distanceRadians((Map<String, Object>) geo, point);
        }
        return Double.MAX_VALUE;
    }
}
