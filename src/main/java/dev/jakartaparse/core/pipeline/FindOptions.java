package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a find, parsed from request parameters the way Parse Server's ClassesRouter does.
 * {@code redirectClassNameForKey}: a relation field of the queried class; the query then runs on
 * the relation's target class (the SDK's relation.query() when it does not know that class).
 */
public record FindOptions(
        int skip,
        int limit,
        List<String> order,
        List<String> keys,
        List<String> excludeKeys,
        List<String> include,
        boolean includeAll,
        boolean count,
        Object hint,
        boolean explain,
        String redirectClassNameForKey) {

    public static final int DEFAULT_LIMIT = 100;
    private static final Set<String> ALLOWED = Set.of(
            "skip",
            "limit",
            "order",
            "count",
            "keys",
            "excludeKeys",
            "include",
            "includeAll",
            "redirectClassNameForKey",
            "where",
            "readPreference",
            "includeReadPreference",
            "subqueryReadPreference",
            "hint",
            "explain",
            "comment");
    private static final Set<String> ALLOWED_FOR_GET = Set.of(
            "keys", "include", "excludeKeys", "readPreference", "includeReadPreference", "subqueryReadPreference");

    public static FindOptions all() {
        return new FindOptions(0, -1, List.of(), null, List.of(), List.of(), false, false, null, false, null);
    }

    /** Options of GET /classes/X (the body/query parameters minus where). */
    public static FindOptions fromParams(Map<String, Object> params, int maxLimit) {
        for (String key : params.keySet()) {
            if (!ALLOWED.contains(key)) {
                throw new ParseException(ParseError.INVALID_QUERY, "Invalid parameter for query: " + key);
            }
        }
        int skip = 0;
        if (truthy(params.get("skip"))) {
            skip = toInt(params.get("skip"), "skip");
            if (skip < 0) {
                throw new ParseException(ParseError.INVALID_QUERY, "Invalid value for skip: " + params.get("skip"));
            }
        }
        int limit = DEFAULT_LIMIT;
        Object l = params.get("limit");
        if (truthy(l) || isZero(l)) {
            limit = toInt(l, "limit");
            if (limit < 0) {
                limit = -limit; // MongoDB answers a negative limit with that many results in one batch
            }
        }
        if (maxLimit > 0 && limit > maxLimit) {
            limit = maxLimit;
        }
        Object hint = params.get("hint");
        if (!(hint instanceof String || hint instanceof Map)) {
            hint = null;
        }
        return new FindOptions(
                skip,
                limit,
                csv(params.get("order")),
                csvOrNull(params.get("keys")),
                csv(params.get("excludeKeys")),
                csv(params.get("include")),
                truthy(params.get("includeAll")),
                truthy(params.get("count")),
                hint,
                truthy(params.get("explain")),
                params.get("redirectClassNameForKey") instanceof String r && !r.isEmpty() ? r : null);
    }

    /** Options of GET /classes/X/id: only keys, include, excludeKeys (and read preferences). */
    public static FindOptions forGet(Map<String, Object> params) {
        for (String key : params.keySet()) {
            if (!ALLOWED_FOR_GET.contains(key)) {
                throw new ParseException(ParseError.INVALID_QUERY, "Improper encode of parameter");
            }
        }
        return new FindOptions(
                0,
                1,
                List.of(),
                csvOrNull(params.get("keys")),
                csv(params.get("excludeKeys")),
                csv(params.get("include")),
                false,
                false,
                null,
                false,
                null);
    }

    public FindOptions withKeys(List<String> newKeys) {
        return new FindOptions(
                skip,
                limit,
                order,
                newKeys,
                excludeKeys,
                include,
                includeAll,
                count,
                hint,
                explain,
                redirectClassNameForKey);
    }

    public FindOptions withLimit(int newLimit) {
        return new FindOptions(
                skip,
                newLimit,
                order,
                keys,
                excludeKeys,
                include,
                includeAll,
                count,
                hint,
                explain,
                redirectClassNameForKey);
    }

    /** The same options for the class the redirect leads to. */
    public FindOptions withoutRedirect() {
        return new FindOptions(skip, limit, order, keys, excludeKeys, include, includeAll, count, hint, explain, null);
    }

    private static int toInt(Object v, String name) {
        if (v instanceof Number n) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue()));
        }
        try {
            return (int) Math.max(
                    Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) Double.parseDouble(String.valueOf(v))));
        } catch (NumberFormatException e) {
            throw new ParseException(ParseError.INVALID_QUERY, "Invalid value for " + name + ": " + v);
        }
    }

    private static boolean isZero(Object v) {
        return v instanceof Number n && n.doubleValue() == 0;
    }

    private static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !isZero(v);
    }

    private static List<String> csv(Object v) {
        List<String> l = csvOrNull(v);
        return l == null ? List.of() : l;
    }

    private static List<String> csvOrNull(Object v) {
        if (v == null) {
            return null;
        }
        String s = v instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(v);
        List<String> out = new ArrayList<>();
        Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
        return out;
    }
}
