package dev.jakartaparse.redis;

import java.io.IOException;

/**
 * One connection for request-reply commands, used by one caller at a time; reconnects once when a
 * command finds the connection broken (Redis restarted).
 */
public final class RedisClient implements AutoCloseable {
    private final RedisAddress address;
    private RespConnection connection;

    public RedisClient(RedisAddress address) {
        this.address = address;
    }

    /** The command's reply (String, Long, List or null); IOException when Redis cannot be reached. */
    public synchronized Object call(String... command) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (connection == null) {
                    connection = RespConnection.open(address);
                }
                connection.command(command);
                return connection.read();
            } catch (IOException e) {
                close();
                if (attempt == 1 || e.getMessage() != null && e.getMessage().startsWith("Redis error")) {
                    throw e;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
