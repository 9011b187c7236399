package dev.jakartaparse.storage;

/**
 * Called by the write pipeline after a write and before the client is answered, so that an
 * acknowledged write survives a crash of the server process. A no-op for a real MongoDB, whose
 * write concern already covers it.
 */
@FunctionalInterface
public interface Durability {
    Durability NONE = () -> {
    };

    void writeAcknowledged();
}
