package dev.jakartaparse.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a find is shaped: skip, limit, sort (field -> 1 or -1, in order), the keys to return
 * (null for all), an index hint and whether to explain instead of returning results.
 * A limit of -1 means "no limit".
 */
public record QueryOptions(
        int skip, int limit, LinkedHashMap<String, Integer> sort, List<String> keys, Object hint, boolean explain) {

    public static QueryOptions all() {
        return new QueryOptions(0, -1, new LinkedHashMap<>(), null, null, false);
    }

    public static QueryOptions limit(int limit) {
        return new QueryOptions(0, limit, new LinkedHashMap<>(), null, null, false);
    }

    public QueryOptions withKeys(List<String> newKeys) {
        return new QueryOptions(skip, limit, sort, newKeys, hint, explain);
    }

    public Map<String, Integer> sortOrEmpty() {
        return sort == null ? Map.of() : sort;
    }
}
