package dev.jakartaparse.livequery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * LiveQuery's threads: taken from a factory (the container's managed thread factory; any factory
 * in unit tests) and named "parse-" and their job, so that a thread dump tells ours apart and a
 * test can check that none is left after the application stops; and stopped with it.
 */
final class LiveQueryThreads {
    static final String PREFIX = "parse-";
    /** How long stopping waits for the threads to end: never a hung undeployment. */
    private static final long STOP_WAIT_MILLIS = 5_000;

    private LiveQueryThreads() {}

    static ThreadFactory named(ThreadFactory threads, String job) {
        return task -> {
            Thread t = threads.newThread(task);
            t.setName(PREFIX + job);
            t.setDaemon(true); // never what keeps a JVM (a unit test's) running
            return t;
        };
    }

    /** Interrupts the executors' threads and waits (a bounded time, in all) until they have ended. */
    static void stop(ExecutorService... executors) {
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        try {
            for (ExecutorService executor : executors) {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
