package dev.jakartaparse.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Which frames go out blocking and which asynchronously, and what a pong must echo to count. */
class OutboxTest {

    /** A session that records each send: "sync:<frame>", "async:<frame>", "ping"; async sends complete when told. */
    static final class FakeSession {
        final List<String> sent = new ArrayList<>();
        final List<SendHandler> pendingAsync = new ArrayList<>();
        ByteBuffer lastPing;

        Session session() {
            RemoteEndpoint.Basic basic = (RemoteEndpoint.Basic) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Basic.class}, (p, m, args) -> {
                        switch (m.getName()) {
                            case "sendText" -> sent.add("sync:" + args[0]);
                            case "sendPing" -> {
                                sent.add("ping");
                                lastPing = ((ByteBuffer) args[0]).duplicate();
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, args) -> {
                        if (!m.getName().equals("sendText") || args.length != 2) {
                            throw new UnsupportedOperationException(m.getName());
                        }
                        sent.add("async:" + args[0]);
                        pendingAsync.add((SendHandler) args[1]);
                        return null;
                    });
            return (Session) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Session.class}, (p, m, args) -> switch (m.getName()) {
                        case "getBasicRemote" -> basic;
                        case "getAsyncRemote" -> async;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        void completeAsync() {
            SendHandler h = pendingAsync.remove(0);
            h.onResult(new SendResult());
        }
    }

    private static String frame(int i, int chars) {
        String head = "f" + i + ":";
        return head + "x".repeat(chars - head.length());
    }

    /** Sends frames of perFrame chars up to exactly the window; how many. */
    private static int fillWindow(Outbox outbox, int perFrame) {
        int withinWindow = (int) (Outbox.SYNC_WINDOW_CHARS / perFrame);
        for (int i = 0; i < withinWindow; i++) {
            outbox.send(frame(i, perFrame));
        }
        return withinWindow;
    }

    @Test
    void framesGoOutBlockingWithinTheWindowThenAsynchronously() {
        FakeSession fake = new FakeSession();
        Outbox outbox = new Outbox(fake.session(), 1_000_000, Runnable::run);
        int perFrame = 1024;
        int withinWindow = fillWindow(outbox, perFrame);
        long syncFrames = fake.sent.stream().filter(s -> s.startsWith("sync:")).count();
        assertEquals(withinWindow, syncFrames, "every frame within the window is written on the caller's thread");
        assertTrue(fake.sent.contains("ping"), "past half the window the client is asked to confirm");

        outbox.send(frame(withinWindow, perFrame));
        assertEquals(
                "async:" + frame(withinWindow, perFrame),
                fake.sent.get(fake.sent.size() - 1),
                "an unconfirmed client past the window never gets a blocking write");
        outbox.send(frame(withinWindow + 1, perFrame));
        assertEquals(1, fake.pendingAsync.size(), "one asynchronous send at a time; the next waits in the queue");
        fake.completeAsync();
        assertEquals("async:" + frame(withinWindow + 1, perFrame), fake.sent.get(fake.sent.size() - 1));
        fake.completeAsync();
    }

    @Test
    void onlyAPongEchoingTheLastPingConfirms() {
        FakeSession fake = new FakeSession();
        Outbox outbox = new Outbox(fake.session(), 1_000_000, Runnable::run);
        fillWindow(outbox, 1024);
        ByteBuffer ping = fake.lastPing;

        outbox.pong(ByteBuffer.wrap(new byte[8])); // unsolicited or forged: not the ping's payload
        outbox.send("after forged pong");
        assertEquals("async:after forged pong", fake.sent.get(fake.sent.size() - 1));
        fake.completeAsync();

        outbox.pong(ping.duplicate()); // the real answer: everything up to the ping was read
        outbox.send("after real pong");
        assertEquals("sync:after real pong", fake.sent.get(fake.sent.size() - 1));
    }

    @Test
    void aClientThatNeverReadsIsCutOffAtTheQueueLimit() {
        FakeSession fake = new FakeSession();
        List<Runnable> closes = new ArrayList<>();
        Outbox outbox = new Outbox(fake.session(), 10_000, closes::add);
        int perFrame = 1024;
        for (int i = 0; i < 100; i++) {
            outbox.send(frame(i, perFrame)); // no async send ever completes: the client reads nothing
        }
        assertEquals(1, fake.pendingAsync.size());
        assertEquals(1, closes.size(), "past the queue limit the client is closed, off the sending thread");
        int sentBefore = fake.sent.size();
        outbox.send("more");
        assertEquals(sentBefore, fake.sent.size(), "nothing more is sent or queued for it");
    }
}
