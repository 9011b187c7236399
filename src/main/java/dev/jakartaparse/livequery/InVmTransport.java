package dev.jakartaparse.livequery;

import dev.jakartaparse.core.DaemonThreads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The single-server bus: messages are handed to one delivery thread, so the writer never waits for fan-out. */
final class InVmTransport implements EventBus.Transport {
    private static final Logger LOG = Logger.getLogger(InVmTransport.class.getName());

    private final ExecutorService delivery =
            Executors.newSingleThreadExecutor(DaemonThreads.named("livequery-delivery"));
    private final BiConsumer<String, String> sink;

    InVmTransport(BiConsumer<String, String> sink) {
        this.sink = sink;
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
        delivery.shutdownNow();
    }
}
