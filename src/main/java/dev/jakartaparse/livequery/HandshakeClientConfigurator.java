package dev.jakartaparse.livequery;

import dev.jakartaparse.livequery.HandshakeClients.HandshakeClient;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Puts the handshake's client (see {@link HandshakeClients}) into the connection's endpoint
 * configuration, where {@link LiveQueryEndpoint#onOpen} finds it. Without one (a handshake the
 * filter did not see) the connection has no address, and no master key counts on it.
 */
class HandshakeClientConfigurator extends ServerEndpointConfig.Configurator {
    static final String CLIENT = HandshakeClient.class.getName();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        HandshakeClient client =
                CDI.current().select(HandshakeClients.class).get().current();
        if (client != null) {
            config.getUserProperties().put(CLIENT, client);
        } else {
            config.getUserProperties().remove(CLIENT);
        }
    }
}
