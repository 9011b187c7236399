package dev.jakartaparse.livequery;

import dev.jakartaparse.redis.RedisAddress;
import dev.jakartaparse.redis.RespConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus between several servers: Redis pub/sub (PUBLISH on one connection, SUBSCRIBE on
 * another whose reader thread delivers in order), reconnecting after Redis restarts. Each time
 * the subscription is in place (at start and after a reconnect) it says so, on the reader thread:
 * what was published while it was not is lost, and caches kept up to date by the bus must start over.
 */
final class RedisTransport implements EventBus.Transport {
    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());
    private static final int TIMEOUT_MS = 5000;

    private final RedisAddress address;
    private final List<String> channels;
    private final BiConsumer<String, String> sink;
    private final Runnable subscribed;
    private final Thread reader;
    private volatile boolean closed;
    private RespConnection publisher;
    private volatile RespConnection subscriber;

    /** threads: the container's managed thread factory (any factory in unit tests). */
    RedisTransport(
            String url,
            List<String> channels,
            BiConsumer<String, String> sink,
            Runnable subscribed,
            ThreadFactory threads) {
        this.address = RedisAddress.parse(url);
        this.channels = List.copyOf(channels);
        this.sink = sink;
        this.subscribed = subscribed;
        this.reader =
                LiveQueryThreads.named(threads, "livequery-redis-subscriber").newThread(this::readLoop);
        reader.start();
    }

    @Override
    public synchronized void publish(String channel, String message) {
        for (int attempt = 0; attempt < 2 && !closed; attempt++) {
            try {
                if (publisher == null) {
                    publisher = connect();
                }
                publisher.command("PUBLISH", channel, message);
                publisher.read();
                return;
            } catch (IOException e) {
                closeQuietly(publisher);
                publisher = null;
                if (attempt == 1) {
                    LOG.log(Level.WARNING, "LiveQuery: could not publish to Redis at " + address, e);
                }
            }
        }
    }

    private void readLoop() {
        long backoff = 100;
        while (!closed) {
            try (RespConnection c = connect()) {
                c.waitForever();
                subscriber = c;
                List<String> command = new ArrayList<>();
                command.add("SUBSCRIBE");
                command.addAll(channels);
                c.command(command.toArray(String[]::new));
                backoff = 100;
                int confirmed = 0;
                while (!closed) {
                    if (!(c.read() instanceof List<?> reply) || reply.size() != 3) {
                        continue;
                    }
                    try {
                        if ("message".equals(reply.get(0))) {
                            sink.accept((String) reply.get(1), (String) reply.get(2));
                        } else if ("subscribe".equals(reply.get(0)) && ++confirmed == channels.size()) {
                            subscribed.run();
                        }
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "LiveQuery delivery failed", e);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "LiveQuery: Redis subscription lost, reconnecting: " + e.getMessage());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        }
    }

    private RespConnection connect() throws IOException {
        return RespConnection.open(address);
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(subscriber);
        synchronized (this) {
            closeQuietly(publisher);
        }
        reader.interrupt();
        try {
            reader.join(5_000); // gone with the application, but never a hung undeployment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(RespConnection c) {
        if (c != null) {
            c.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
