package dev.jakartaparse.livequery;

import dev.jakartaparse.config.ParseConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Carries LiveQuery messages (saves, deletes, cache invalidations) from the server that wrote to
 * every server that has subscribers: inside this JVM by default, through Redis pub/sub when
 * {@code redisURL} is configured. Channels are Parse Server's: appId + afterSave, afterDelete,
 * clearCache, and one of ours, appId + schemaChange. Listeners are called on one thread, in
 * publishing order; they also hear {@link #RESYNC} (no channel) when the Redis subscription was
 * (re)established, as messages published while it was down are lost.
 */
@ApplicationScoped
public class EventBus {
    static final String AFTER_SAVE = "afterSave";
    static final String AFTER_DELETE = "afterDelete";
    static final String CLEAR_CACHE = "clearCache";
    static final String SCHEMA_CHANGE = "schemaChange";
    /** Not a channel: told to this server's listeners when they may have missed messages. */
    static final String RESYNC = "resync";

    @Inject
    ParseConfig config;

    @Resource
    ManagedThreadFactory threads;

    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private Transport transport;

    /** How messages travel: in this JVM, or through Redis. */
    interface Transport extends AutoCloseable {
        void publish(String channel, String message);

        @Override
        void close();
    }

    @PostConstruct
    void open() {
        List<String> channels =
                List.of(channel(AFTER_SAVE), channel(AFTER_DELETE), channel(CLEAR_CACHE), channel(SCHEMA_CHANGE));
        String redis = config.liveQuery().redisURL();
        transport = redis == null
                ? new InVmTransport(this::deliver, threads)
                : new RedisTransport(redis, channels, this::deliver, () -> deliver(channel(RESYNC), ""), threads);
    }

    @PreDestroy
    void close() {
        transport.close();
    }

    String channel(String kind) {
        return config.appId() + kind;
    }

    void publish(String kind, String message) {
        transport.publish(channel(kind), message);
    }

    /** Registers a listener for (kind, message), kind being AFTER_SAVE, AFTER_DELETE, CLEAR_CACHE, SCHEMA_CHANGE or RESYNC. */
    void listen(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    private void deliver(String channel, String message) {
        if (!channel.startsWith(config.appId())) {
            return;
        }
        String kind = channel.substring(config.appId().length());
        for (BiConsumer<String, String> l : listeners) {
            l.accept(kind, message);
        }
    }
}
