package dev.jakartaparse.livequery;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * One LiveQuery WebSocket connection, registered on the mount path and on the bare root by
 * {@link LiveQueryEndpoints}. Frames go to the {@link LiveQueryServer}; a frame larger than the
 * limit closes the connection (1009), which frees everything the client held.
 */
public class LiveQueryEndpoint extends Endpoint {
    /** The largest frame a client may send; subscriptions are small. */
    static final int MAX_FRAME_BYTES = 256 * 1024;

    private LiveQueryServer server;
    private LiveQueryConnection connection;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        server = CDI.current().select(LiveQueryServer.class).get();
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        session.setMaxIdleTimeout(0); // clients stay subscribed for as long as they like
        connection = server.open(session, (HandshakeClients.HandshakeClient)
                config.getUserProperties().get(HandshakeClientConfigurator.CLIENT));
        session.addMessageHandler(
                String.class, (MessageHandler.Whole<String>) text -> server.onMessage(connection, text));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>)
                pong -> connection.pong(pong.getApplicationData()));
        session.addMessageHandler(
                ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> server.onBinary(connection));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection != null) {
            server.close(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (connection != null) {
            server.close(connection);
        }
    }
}
