package dev.jakartaparse.livequery;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.model.ObjectChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts what the write pipeline reports on the bus, in Parse Server's message shape
 * ({@code currentParseObject}, {@code originalParseObject}), without the stored secrets
 * (fields named with a leading "_": password hashes, tokens).
 */
@ApplicationScoped
public class LiveQueryPublisher {
    @Inject
    EventBus bus;

    void objectChanged(@Observes ObjectChanged change) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("currentParseObject", forBus(change.className(), change.object()));
        if (change.original() != null) {
            message.put("originalParseObject", forBus(change.className(), change.original()));
        }
        bus.publish(change.deleted() ? EventBus.AFTER_DELETE : EventBus.AFTER_SAVE, Json.writeString(message));
    }

    void accessChanged(@Observes AccessChanged change) {
        bus.publish(EventBus.CLEAR_CACHE, Json.writeString(Map.of("reason", change.what())));
    }

    private static Map<String, Object> forBus(String className, Map<String, Object> stored) {
        Map<String, Object> o = new LinkedHashMap<>();
        stored.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                o.put(k, v);
            }
        });
        o.put("className", className);
        return o;
    }
}
