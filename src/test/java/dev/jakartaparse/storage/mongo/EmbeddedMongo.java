package dev.jakartaparse.storage.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.net.InetSocketAddress;

/** An in-memory mongo-java-server on a random loopback port, with a real driver client. */
final class EmbeddedMongo implements AutoCloseable {
    final MongoServer server;
    final String uri;

    EmbeddedMongo() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    MongoClient newClient() {
        return MongoClients.create(uri);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
