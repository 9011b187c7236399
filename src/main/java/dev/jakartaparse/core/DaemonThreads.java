package dev.jakartaparse.core;

import java.util.concurrent.ThreadFactory;

/**
 * Threads of the server's own executors: named, so that a thread dump tells them apart, and
 * daemons, so that they never keep the JVM running.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
