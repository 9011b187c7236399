package dev.jakartaparse.livequery;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hands the address of the client behind a WebSocket handshake from the HTTP layer, which sees
 * it, to the LiveQuery connection, which does not (Jakarta WebSocket has no remote address). The
 * servlet filter calls {@link #enter} before it lets the handshake go on and {@link #leave} after;
 * the container calls the endpoint's configurator on that same thread, which takes the client
 * with {@link #current}.
 */
@ApplicationScoped
public class HandshakeClients {
    /** The client of the handshake this thread is running, or null outside one. */
    private final ThreadLocal<HandshakeClient> current = new ThreadLocal<>();

    /**
     * @param ip the client's address
     * @param masterKeyAllowed whether the address is in masterKeyIps
     */
    public record HandshakeClient(String ip, boolean masterKeyAllowed) {}

    public void enter(HandshakeClient client) {
        current.set(client);
    }

    public void leave() {
        current.remove();
    }

    HandshakeClient current() {
        return current.get();
    }
}
