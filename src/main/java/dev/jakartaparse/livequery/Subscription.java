package dev.jakartaparse.livequery;

import dev.jakartaparse.core.query.CompiledQuery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query on a class that one or more clients subscribed to. Clients with the same where clause
 * share one, so an event is matched once per distinct query, not once per client.
 */
final class Subscription {
    final String className;
    final String hash;
    final Map<String, Object> where;
    final CompiledQuery query;
    final String operation;
    /** The subscribers, by the fan-out shard of their connection: each fan-out thread walks only its own. */
    private final Set<Subscriber>[] byShard;

    @SuppressWarnings("unchecked")
    Subscription(String className, String hash, Map<String, Object> where, CompiledQuery query, int shards) {
        this.className = className;
        this.hash = hash;
        this.where = where;
        this.query = query;
        this.operation = operationFor(where);
        this.byShard = new Set[shards];
        for (int i = 0; i < shards; i++) {
            byShard[i] = ConcurrentHashMap.newKeySet();
        }
    }

    void add(Subscriber s) {
        byShard[s.connection().shard].add(s);
    }

    void remove(Subscriber s) {
        byShard[s.connection().shard].remove(s);
    }

    Set<Subscriber> inShard(int shard) {
        return byShard[shard];
    }

    int size() {
        int n = 0;
        for (Set<Subscriber> shard : byShard) {
            n += shard.size();
        }
        return n;
    }

    /** "get" when the query names exactly one objectId, else "find": the CLP operation that applies. */
    static String operationFor(Map<String, Object> where) {
        return where.size() == 1 && where.get("objectId") instanceof String ? "get" : "find";
    }

    boolean matches(Map<String, Object> object) {
        return object != null && query.matches(object);
    }
}
