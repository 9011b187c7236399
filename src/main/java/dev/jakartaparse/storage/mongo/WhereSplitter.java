package dev.jakartaparse.storage.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a Parse where clause into the part a backend without geo and $text support can evaluate
 * (pushed down to it) and the residual part that must be evaluated in memory. The two are ANDed:
 * an object matches the where clause when it matches both.
 */
public final class WhereSplitter {
    private WhereSplitter() {}

    /** Constraints the embedded backend cannot evaluate ($maxDistance* travel with $nearSphere). */
    static final Set<String> UNSUPPORTED = Set.of(
            "$nearSphere",
            "$maxDistance",
            "$maxDistanceInRadians",
            "$maxDistanceInMiles",
            "$maxDistanceInKilometers",
            "$geoWithin",
            "$within",
            "$geoIntersects",
            "$text");

    /** @param residual empty when the whole clause can be pushed down */
    public record Split(Map<String, Object> pushed, Map<String, Object> residual) {
        public boolean hasResidual() {
            return !residual.isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    public static Split split(Map<String, Object> where) {
        Map<String, Object> pushed = new LinkedHashMap<>();
        Map<String, Object> residual = new LinkedHashMap<>();
        if (where == null) {
            return new Split(pushed, residual);
        }
        for (Map.Entry<String, Object> e : where.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if ("$and".equals(key) && value instanceof List<?> branches) {
                List<Object> pushedBranches = new ArrayList<>();
                List<Object> residualBranches = new ArrayList<>();
                for (Object b : branches) {
                    if (b instanceof Map<?, ?> m) {
                        Split s = split((Map<String, Object>) m);
                        if (!s.pushed().isEmpty()) {
                            pushedBranches.add(s.pushed());
                        }
                        if (s.hasResidual()) {
                            residualBranches.add(s.residual());
                        }
                    } else {
                        pushedBranches.add(b);
                    }
                }
                if (!pushedBranches.isEmpty()) {
                    pushed.put(key, pushedBranches);
                }
                if (!residualBranches.isEmpty()) {
                    residual.put(key, residualBranches);
                }
            } else if ("$or".equals(key) || "$nor".equals(key)) {
                // a disjunction cannot be split: it is evaluated whole where any branch needs it
                (containsUnsupported(value) ? residual : pushed).put(key, value);
            } else if (value instanceof Map<?, ?> constraint && MongoQueryTransform.isConstraint(constraint)) {
                Map<String, Object> down = new LinkedHashMap<>();
                Map<String, Object> up = new LinkedHashMap<>();
                constraint.forEach(
                        (op, v) -> (UNSUPPORTED.contains(String.valueOf(op)) ? up : down).put(String.valueOf(op), v));
                if (!down.isEmpty()) {
                    pushed.put(key, down);
                }
                if (!up.isEmpty()) {
                    residual.put(key, up);
                }
            } else {
                pushed.put(key, value);
            }
        }
        return new Split(pushed, residual);
    }

    static boolean containsUnsupported(Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (UNSUPPORTED.contains(String.valueOf(e.getKey())) || containsUnsupported(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof List<?> l) {
            for (Object o : l) {
                if (containsUnsupported(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The field and point of a top-level $nearSphere (results sort by distance to it), or null. */
    @SuppressWarnings("unchecked")
    static Map.Entry<String, Map<String, Object>> nearSphere(Map<String, Object> where) {
        for (Map.Entry<String, Object> e : where.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> c && c.get("$nearSphere") instanceof Map<?, ?> point) {
                return Map.entry(e.getKey(), (Map<String, Object>) point);
            }
            if ("$and".equals(e.getKey()) && e.getValue() instanceof List<?> branches) {
                for (Object b : branches) {
                    if (b instanceof Map<?, ?> m) {
                        Map.Entry<String, Map<String, Object>> found = nearSphere((Map<String, Object>) m);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
        }
        return null;
    }
}
