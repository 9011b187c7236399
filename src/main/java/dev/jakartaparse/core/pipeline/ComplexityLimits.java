package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.RequestComplexity;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a client's query against requestComplexity, with Parse Server's messages (all 102). */
public final class ComplexityLimits {
    private static final Set<String> LOGICAL = Set.of("$or", "$and", "$nor");

    private ComplexityLimits() {}

    /** The where clause: queryDepth, subqueryDepth and allowRegex. */
    public static void checkWhere(Map<String, Object> where, RequestComplexity rc) {
        if (where == null) {
            return;
        }
        if (rc.queryDepth() != -1) {
            checkDepth(where, 0, rc.queryDepth());
        }
        if (!rc.allowRegex()) {
            checkRegex(where);
        }
        if (rc.subqueryDepth() != -1 && subqueryNesting(where) > rc.subqueryDepth()) {
            throw invalid("Subquery nesting depth exceeds maximum allowed depth of " + rc.subqueryDepth());
        }
    }

    /** Include paths: each "a.b.c" counts as a, a.b and a.b.c, as Parse Server counts them. */
    public static void checkInclude(List<String> include, RequestComplexity rc) {
        if (include == null || include.isEmpty() || include.contains("*") && include.size() == 1) {
            return;
        }
        Set<String> paths = new LinkedHashSet<>();
        int deepest = 0;
        for (String inc : include) {
            String[] parts = inc.split("\\.");
            deepest = Math.max(deepest, parts.length);
            for (int i = 1; i <= parts.length; i++) {
                paths.add(String.join(".", Arrays.copyOfRange(parts, 0, i)));
            }
        }
        if (rc.includeDepth() != -1 && deepest > rc.includeDepth()) {
            throw invalid("Include depth of " + deepest + " exceeds maximum allowed depth of " + rc.includeDepth());
        }
        if (rc.includeCount() != -1 && paths.size() > rc.includeCount()) {
            throw invalid("Number of include fields (" + paths.size() + ") exceeds maximum allowed ("
                    + rc.includeCount() + ")");
        }
    }

    /** Every value is visited; only logical operators add a level. */
    private static void checkDepth(Object node, int depth, int max) {
        if (depth > max) {
            throw invalid("Query condition nesting depth exceeds maximum allowed depth of " + max);
        }
        if (node instanceof List<?> list) {
            list.forEach(item -> checkDepth(item, depth, max));
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> checkDepth(v, LOGICAL.contains(k) ? depth + 1 : depth, max));
        }
    }

    private static void checkRegex(Map<?, ?> where) {
        for (Map.Entry<?, ?> e : where.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> c && c.containsKey("$regex")) {
                throw invalid("$regex operator is not allowed");
            }
            if (LOGICAL.contains(e.getKey()) && e.getValue() instanceof List<?> branches) {
                branches.forEach(b -> {
                    if (b instanceof Map<?, ?> m) {
                        checkRegex(m);
                    }
                });
            }
        }
    }

    /** How many subqueries deep the where clause goes. */
    private static int subqueryNesting(Object node) {
        int deepest = 0;
        if (node instanceof List<?> list) {
            for (Object item : list) {
                deepest = Math.max(deepest, subqueryNesting(item));
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object inner = e.getValue();
                if (("$inQuery".equals(key) || "$notInQuery".equals(key)) && inner instanceof Map<?, ?> q) {
                    deepest = Math.max(deepest, 1 + subqueryNesting(q.get("where")));
                } else if (("$select".equals(key) || "$dontSelect".equals(key))
                        && inner instanceof Map<?, ?> s
                        && s.get("query") instanceof Map<?, ?> q) {
                    deepest = Math.max(deepest, 1 + subqueryNesting(q.get("where")));
                } else {
                    deepest = Math.max(deepest, subqueryNesting(inner));
                }
            }
        }
        return deepest;
    }

    private static ParseException invalid(String message) {
        return new ParseException(ParseError.INVALID_QUERY, message);
    }
}
