package dev.jakartaparse.livequery;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The frames waiting to go to one client, sent one at a time without blocking the sender. A
 * client that stops reading fills its outbox; past the limit it is disconnected and its
 * frames dropped, so it cannot hold memory or slow anyone else.
 */
final class Outbox implements SendHandler {
    /** Sends completing on the calling thread recurse; past this depth the next send moves to another thread. */
    private static final int MAX_INLINE_DEPTH = 16;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final Session session;
    private final long maxQueuedChars;
    private final Executor overflow;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean closed;

    Outbox(Session session, long maxQueuedChars, Executor overflow) {
        this.session = session;
        this.maxQueuedChars = maxQueuedChars;
        this.overflow = overflow;
    }

    void send(String frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (sending) {
                if (queuedChars + frame.length() > maxQueuedChars) {
                    closed = true;
                    queue.clear();
                } else {
                    queue.add(frame);
                    queuedChars += frame.length();
                    return;
                }
            } else {
                sending = true;
            }
        }
        if (closed) {
            // Closing waits for the stuck socket; never on the thread that delivers to everyone.
            overflow.execute(this::closeSlowClient);
            return;
        }
        transmit(frame);
    }

    @Override
    public void onResult(SendResult result) {
        String next = nextOrIdle(!result.isOK());
        if (next == null) {
            return;
        }
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_INLINE_DEPTH) {
            String frame = next;
            overflow.execute(() -> transmit(frame));
        } else {
            transmit(next);
        }
    }

    private void transmit(String frame) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            session.getAsyncRemote().sendText(frame, this);
        } catch (RuntimeException e) {
            synchronized (this) {
                closed = true;
                sending = false;
                queue.clear();
            }
        } finally {
            depth[0]--;
        }
    }

    /**
     * Pings the client between frames: a ping must not overlap a frame in flight, so none is sent
     * while frames are going out (the client is evidently reachable then). True when one was sent.
     */
    boolean ping() {
        synchronized (this) {
            if (closed || sending) {
                return false;
            }
            sending = true;
        }
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            // the connection is going away; its close will clean up
        }
        String next = nextOrIdle(false);
        if (next != null) {
            transmit(next);
        }
        return true;
    }

    /**
     * The next queued frame, taken off the queue; null, and no longer sending, when there is none
     * or the last send failed (then what was queued is dropped).
     */
    private synchronized String nextOrIdle(boolean failed) {
        String next = closed || failed ? null : queue.poll();
        if (next == null) {
            sending = false;
            queue.clear();
            queuedChars = 0;
        } else {
            queuedChars -= next.length();
        }
        return next;
    }

    synchronized void discard() {
        closed = true;
        queue.clear();
    }

    private void closeSlowClient() {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Client is not reading its messages"));
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }
}
