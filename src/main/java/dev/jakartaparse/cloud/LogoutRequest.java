package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.Map;

/** What afterLogout receives: the session that was ended. */
public record LogoutRequest(Map<String, Object> session, String installationId, Client client) {

    /** The client's IP address; null when no HTTP request is behind the call. */
    public String ip() {
        return client.ip();
    }

    /** The request's HTTP headers, names in lower case. */
    public Map<String, String> headers() {
        return client.headers();
    }
}
