package dev.jakartaparse.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * LiveQuery's threads come from the factory it is given (in the server, the container's managed
 * thread factory), carry the "parse-" prefix, and are gone once their owner is closed.
 */
class LiveQueryThreadsTest {

    @Test
    void inVmBusDeliversInOrderOnItsNamedThreadAndLeavesNoneBehind() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> threadNames = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(100);
        InVmTransport bus = new InVmTransport(
                (channel, message) -> {
                    received.add(message);
                    threadNames.add(Thread.currentThread().getName());
                    all.countDown();
                },
                Thread::new);
        for (int i = 0; i < 100; i++) {
            bus.publish("appafterSave", "m" + i);
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals("m" + i, received.get(i));
        }
        assertEquals(
                List.of("parse-livequery-delivery"),
                threadNames.stream().distinct().toList());
        bus.close();
        assertEndsSoon("parse-livequery-delivery");
    }

    @Test
    void stoppingWaitsUntilTheThreadsHaveEnded() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(LiveQueryThreads.named(Thread::new, "test-stop"));
        CountDownLatch running = new CountDownLatch(1);
        executor.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // stopped
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertTrue(alive("parse-test-stop"));
        LiveQueryThreads.stop(executor);
        assertTrue(executor.isTerminated(), "stop returns once the task has ended");
        assertEndsSoon("parse-test-stop");
    }

    @Test
    void theServerIsBuiltAndStoppedWithoutAContainer() {
        LiveQueryServer server = new LiveQueryServer();
        server.startThreads(Thread::new);
        server.stop();
    }

    /**
     * A pool reports termination from its worker thread's last steps; the thread itself ends just
     * after, so under load it may still be alive for a moment when stop or close returns.
     */
    private static void assertEndsSoon(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (alive(name) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(alive(name), name + " still runs");
    }

    private static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }
}
