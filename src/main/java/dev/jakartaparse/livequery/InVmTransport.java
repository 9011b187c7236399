package dev.jakartaparse.livequery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The single-server bus: messages are handed to one delivery thread, so the writer never waits for fan-out. */
final class InVmTransport implements EventBus.Transport {
    private static final Logger LOG = Logger.getLogger(InVmTransport.class.getName());

    private final ExecutorService delivery;
    private final BiConsumer<String, String> sink;

    /** threads: the container's managed thread factory (any factory in unit tests). */
    InVmTransport(BiConsumer<String, String> sink, ThreadFactory threads) {
        this.sink = sink;
        this.delivery = Executors.newSingleThreadExecutor(LiveQueryThreads.named(threads, "livequery-delivery"));
    }

    @Override
    public void publish(String channel, String message) {
        delivery.execute(() -> {
            try {
                sink.accept(channel, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "LiveQuery delivery failed", e);
            }
        });
    }

    @Override
    public void close() {
        LiveQueryThreads.stop(delivery);
    }
}
