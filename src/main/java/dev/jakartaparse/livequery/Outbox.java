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
        String next;
        synchronized (this) {
            next = result.isOK() && !closed ? queue.poll() : null;
            if (next == null) {
                sending = false;
                queue.clear();
                queuedChars = 0;
                return;
            }
            queuedChars -= next.length();
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
        String next;
        synchronized (this) {
            next = closed ? null : queue.poll();
            if (next == null) {
                sending = false;
                return true;
            }
            queuedChars -= next.length();
        }
        transmit(next);
        return true;
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
