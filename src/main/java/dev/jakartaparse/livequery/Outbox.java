package dev.jakartaparse.livequery;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * The frames waiting to go to one client, sent one at a time without ever blocking the sender. A
 * client that stops reading fills its outbox; past the limit it is disconnected and its frames
 * dropped, so it cannot hold memory or slow anyone else.
 *
 * <p>Two ways to send. Liberty's asynchronous send always goes through its selector and a worker
 * thread (tens of microseconds per frame), its blocking send writes on the calling thread (a few).
 * A blocking send can only block when the socket's buffer is full, i.e. when the client has left a
 * lot unread. So frames go out blocking while what the client has not yet confirmed reading stays
 * under {@link #SYNC_WINDOW_CHARS}, far below any socket buffer; beyond that, asynchronously.
 * The client confirms by answering a ping: its pong echoes the ping's random payload, and it can
 * only have seen that payload after reading every frame sent before the ping.
 */
final class Outbox implements SendHandler {
    /** Unconfirmed characters up to which frames are written on the caller's thread. */
    static final long SYNC_WINDOW_CHARS = 16 * 1024;
    /** Sends completing on the calling thread recurse; past this depth the next send moves to another thread. */
    private static final int MAX_INLINE_DEPTH = 16;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session;
    /** The session's blocking sender, looked up once (Liberty's lookup is not free at thousands of frames per write). */
    private final RemoteEndpoint.Basic basic;

    private final long maxQueuedChars;
    private final Executor overflow;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private boolean closed;
    /** Characters handed to the socket so far, and how many of them the client confirmed reading. */
    private long sentChars;

    private long confirmedChars;
    /** The outstanding ping: its payload and sentChars when it was sent (-1: none). */
    private byte[] pingPayload;

    private long pingMark = -1;

    Outbox(Session session, long maxQueuedChars, Executor overflow) {
        this.session = session;
        this.basic = session.getBasicRemote();
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

    /** Sends frame and then whatever was queued meanwhile, blocking while the window allows, else asynchronously. */
    private void transmit(String frame) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            String next = frame;
            while (next != null) {
                if (!withinWindow(next)) {
                    session.getAsyncRemote().sendText(next, this);
                    return;
                }
                basic.sendText(next);
                pingIfHalfUnconfirmed();
                next = nextOrIdle(false);
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                closed = true;
                sending = false;
                queue.clear();
            }
        } finally {
            depth[0]--;
        }
    }

    /** Counts frame as sent; true when the client's unconfirmed characters, with it, stay within the window. */
    private synchronized boolean withinWindow(String frame) {
        sentChars += frame.length();
        return sentChars - confirmedChars <= SYNC_WINDOW_CHARS;
    }

    /** Asks for a confirmation early, so that a busy client stays within the window. Only while sending. */
    private void pingIfHalfUnconfirmed() throws IOException {
        byte[] payload;
        synchronized (this) {
            if (pingMark >= 0 || sentChars - confirmedChars <= SYNC_WINDOW_CHARS / 2) {
                return;
            }
            payload = newPing();
        }
        basic.sendPing(ByteBuffer.wrap(payload));
    }

    /** A new outstanding ping (replacing any earlier one); call holding the lock. */
    private byte[] newPing() {
        byte[] payload = new byte[8];
        RANDOM.nextBytes(payload);
        pingPayload = payload;
        pingMark = sentChars;
        return payload;
    }

    /**
     * Pings the client between frames: a ping must not overlap a frame in flight, so none is sent
     * while frames are going out (the client is evidently reachable then). True when one was sent.
     */
    boolean ping() {
        byte[] payload;
        synchronized (this) {
            if (closed || sending) {
                return false;
            }
            sending = true;
            payload = newPing();
        }
        try {
            basic.sendPing(ByteBuffer.wrap(payload));
        } catch (IOException | RuntimeException e) {
            // the connection is going away; its close will clean up
        }
        String next = nextOrIdle(false);
        if (next != null) {
            transmit(next);
        }
        return true;
    }

    /** A pong echoing the outstanding ping's payload: the client has read everything sent before that ping. */
    void pong(ByteBuffer data) {
        byte[] echoed = new byte[data.remaining()];
        data.duplicate().get(echoed);
        synchronized (this) {
            if (pingMark >= 0 && Arrays.equals(echoed, pingPayload)) {
                confirmedChars = pingMark;
                pingMark = -1;
                pingPayload = null;
            }
        }
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
            session.close(
                    new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Client is not reading its messages"));
        } catch (IOException | RuntimeException e) {
            // already gone
        }
    }
}
