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
    final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    Subscription(String className, String hash, Map<String, Object> where, CompiledQuery query) {
        this.className = className;
        this.hash = hash;
        this.where = where;
        this.query = query;
        this.operation = operationFor(where);
    }

    /** "get" when the query names exactly one objectId, else "find": the CLP operation that applies. */
    static String operationFor(Map<String, Object> where) {
        return where.size() == 1 && where.get("objectId") instanceof String ? "get" : "find";
    }

    boolean matches(Map<String, Object> object) {
        return object != null && query.matches(object);
    }
}
