package dev.jakartaparse.push.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.config.PushOptions;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many notifications a second the adapters push into the fake services (fake-push.js with
 * --no-record), the fake side of the push benchmark. Run on demand:
 * {@code mvn -o test -DskipITs -Dtest=PushAdapterThroughputTest -Dpush.bench=100000}.
 */
@EnabledIfSystemProperty(named = "push.bench", matches = "\\d+")
class PushAdapterThroughputTest {
    private static final int BATCH = 500;
    private static final int SENDING_THREADS = 4;

    @Test
    void measure() throws Exception {
        int total = Integer.getInteger("push.bench");
        try (FakePushProcess fake = new FakePushProcess(false)) {
            ExecutorService http = Executors.newCachedThreadPool();
            ExecutorService senders = Executors.newFixedThreadPool(SENDING_THREADS);
            try {
                PushOptions options = new PushOptions(fake.pushOption(), false);
                var fcm = new FcmPushAdapter(options, http, Clock.systemUTC(), Duration.ofMillis(100));
                var apns = new ApnsPushAdapter(options, http, Clock.systemUTC(), Duration.ofMillis(100));
                Notification n = new Notification("bench", Map.of("alert", "Benchmark", "badge", 1), null);
                run(
                        "FCM (HTTP/1.1)",
                        fake,
                        total,
                        senders,
                        i -> new Device("i" + i, "android", "fcm-" + i, null, null),
                        batch -> fcm.send(n, batch));
                run(
                        "APNs (HTTP/2, TLS)",
                        fake,
                        total,
                        senders,
                        i -> new Device("i" + i, "ios", "apns-" + i, null, "com.example.app"),
                        batch -> apns.send(n, batch));
            } finally {
                http.shutdownNow();
                senders.shutdownNow();
            }
        }
    }

    private static void run(
            String what,
            FakePushProcess fake,
            int total,
            ExecutorService senders,
            java.util.function.IntFunction<Device> device,
            java.util.function.Function<List<Device>, List<Delivery>> send)
            throws Exception {
        // a first round, unmeasured, so the JIT has compiled the hot paths
        sendAll(Math.min(20_000, total / 5), senders, device, send, new AtomicInteger());
        AtomicInteger sent = new AtomicInteger();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long fakeCpu0 = fake.counts().get("cpuMicros").asLong();
        long ourCpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        sendAll(total, senders, device, send, sent);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double fakeMicros = (fake.counts().get("cpuMicros").asLong() - fakeCpu0) / (double) total;
        double ourMicros = (os.getProcessCpuTime() - ourCpu0) / 1e3 / total;
        // CPU time per notification holds on a busy machine, where wall-clock rates do not.
        System.out.printf(
                "%s: %d notifications in %.1f s, %.0f/s; CPU per notification: fake %.0f us (%.0f/s per core),"
                        + " adapter %.0f us (%.0f/s per core); load average %.1f%n",
                what,
                total,
                seconds,
                total / seconds,
                fakeMicros,
                1e6 / fakeMicros,
                ourMicros,
                1e6 / ourMicros,
                os.getSystemLoadAverage());
        assertEquals(total, sent.get());
    }

    private static void sendAll(
            int total,
            ExecutorService senders,
            java.util.function.IntFunction<Device> device,
            java.util.function.Function<List<Device>, List<Delivery>> send,
            AtomicInteger sent)
            throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int from = 0; from < total; from += BATCH) {
            int start = from;
            work.add(senders.submit(() -> {
                List<Device> batch = new ArrayList<>(BATCH);
                for (int i = start; i < Math.min(total, start + BATCH); i++) {
                    batch.add(device.apply(i));
                }
                send.apply(batch).forEach(d -> {
                    if (d.wasSent()) {
                        sent.incrementAndGet();
                    }
                });
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
    }
}
