package dev.jakartaparse.livequery;

import dev.jakartaparse.core.json.Json;

import java.util.List;

/**
 * One client's subscription (its requestId) to a shared {@link Subscription}, with its own
 * keys, watch list and session token.
 *
 * @param sessionToken the subscription's own token, else the connection's; null when anonymous
 */
record Subscriber(
        LiveQueryConnection connection,
        Object requestId,
        Subscription subscription,
        List<String> keys,
        List<String> watch,
        String sessionToken,
        String requestIdJson) {

    Subscriber(
            LiveQueryConnection connection,
            Object requestId,
            Subscription subscription,
            List<String> keys,
            List<String> watch,
            String sessionToken) {
        this(connection, requestId, subscription, keys, watch, sessionToken, Json.writeString(requestId));
    }
}
