package dev.jakartaparse.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

class EmbeddedDatabaseStartTest {

    @Test
    void aPortInUseFailsTheStartAndLeavesTheFilesFreeForTheNextOne(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            IllegalStateException refused = assertThrows(
                    IllegalStateException.class,
                    () -> new EmbeddedDatabase(dir.resolve("db"), taken.getLocalPort(), 20));
            assertTrue(refused.getMessage().contains(String.valueOf(port)), refused.getMessage());
        }
        // the same folder opens in the same JVM (the store file is no longer locked)
        try (EmbeddedDatabase db = new EmbeddedDatabase(dir.resolve("db"), 0, 20)) {
            assertTrue(db.connectionString().startsWith("mongodb://127.0.0.1:"));
        }
    }
}
