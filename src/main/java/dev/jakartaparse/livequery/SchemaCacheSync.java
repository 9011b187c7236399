package dev.jakartaparse.livequery;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.SchemaChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;

/**
 * Keeps the schema caches of the servers on one store in step: a schema change this server made
 * goes on the bus (channel schemaChange, with this server's id), and one another server made
 * makes this server drop its cached schemas, as does a Redis subscription that was lost (changes
 * may have gone unheard). What came from the bus is never published again. Without Redis the
 * bus stays in this JVM, where there is no other server to tell: the schemaCacheTtl does the work.
 */
@ApplicationScoped
public class SchemaCacheSync {
    private final String serverId = UUID.randomUUID().toString();

    @Inject
    EventBus bus;

    @Inject
    SchemaController schemas;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        bus.listen(this::onBusMessage);
    }

    void schemaChanged(@Observes SchemaChanged change) {
        bus.publish(
                EventBus.SCHEMA_CHANGE, Json.writeString(Map.of("className", change.className(), "server", serverId)));
    }

    private void onBusMessage(String kind, String message) {
        if (EventBus.RESYNC.equals(kind)) {
            schemas.invalidate();
        } else if (EventBus.SCHEMA_CHANGE.equals(kind) && !fromHere(message)) {
            schemas.invalidate();
        }
    }

    /** True for a message this server published (an unreadable one counts as another's). */
    private boolean fromHere(String message) {
        try {
            return Json.parse(message) instanceof Map<?, ?> m && serverId.equals(m.get("server"));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
