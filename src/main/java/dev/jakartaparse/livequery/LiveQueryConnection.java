package dev.jakartaparse.livequery;

import dev.jakartaparse.model.Auth;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WebSocket client: what it said in its connect (keys, session token, installation) and its
 * subscriptions by requestId. Frames for it go through its {@link Outbox}.
 */
final class LiveQueryConnection {
    final Session session;
    final Outbox outbox;
    /** Which of the pinger's groups this connection is in. */
    final int pingSlot;
    /** Which fan-out thread sends this connection its events. */
    final int shard;
    /** requestId (as JSON text, so 1 and 1.0 stay apart as in JS) -> subscription. */
    final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    private volatile String clientId;
    /** Who opened it: its address and whether a master key from there counts; null when unknown. */
    final HandshakeClients.HandshakeClient client;
    /** The master key's or read-only master key's access, when the connect gave one; else null. */
    private volatile Auth keyAuth;

    private volatile String sessionToken;
    private volatile String installationId;
    private volatile boolean awaitingPong;
    private volatile String idFields;

    LiveQueryConnection(
            Session session, HandshakeClients.HandshakeClient client, Outbox outbox, int pingSlot, int shard) {
        this.session = session;
        this.client = client;
        this.outbox = outbox;
        this.pingSlot = pingSlot;
        this.shard = shard;
    }

    void connected(String id, Auth keyAuth, String token, String installation) {
        this.clientId = id;
        this.keyAuth = keyAuth;
        this.sessionToken = token;
        this.installationId = installation;
        this.idFields = Frames.idFields(id, installation);
    }

    /** The clientId and installationId fields of every frame to this client, as JSON. */
    String idFields() {
        return idFields;
    }

    boolean isConnected() {
        return clientId != null;
    }

    String clientId() {
        return clientId;
    }

    /** The master key's (or read-only master key's) access given in the connect, or null. */
    Auth keyAuth() {
        return keyAuth;
    }

    /** The client's address, or null when unknown. */
    String ip() {
        return client == null ? null : client.ip();
    }

    /** Whether a master key counts on this connection: its address is in masterKeyIps. */
    boolean masterKeyAllowed() {
        return client != null && client.masterKeyAllowed();
    }

    String sessionToken() {
        return sessionToken;
    }

    String installationId() {
        return installationId;
    }

    void send(String frame) {
        outbox.send(frame);
    }

    /** Sends a ping (unless frames are going out); the client's WebSocket stack answers with a pong. */
    void ping() {
        awaitingPong = true;
        if (!outbox.ping()) {
            awaitingPong = false;
        }
    }

    void pong(ByteBuffer data) {
        awaitingPong = false;
        outbox.pong(data);
    }

    /** False when the last ping got no pong. */
    boolean pingAnswered() {
        return !awaitingPong;
    }
}
