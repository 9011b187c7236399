package dev.jakartaparse.cloud;

/**
 * What a beforeConnect hook receives: who connects (the user of the connection's session token,
 * if valid; the master key; the installation) and how busy the server is.
 */
public record ConnectRequest(
        String userId, boolean master, String installationId, String sessionToken, int clients, int subscriptions) {}
