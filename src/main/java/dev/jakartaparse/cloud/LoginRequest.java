package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.Map;

/** What beforeLogin and afterLogin receive: the user (REST form, without secrets). */
public record LoginRequest(
        String triggerName, Map<String, Object> user, String installationId, boolean master, Client client) {

    /** The client's IP address; null when no HTTP request is behind the call. */
    public String ip() {
        return client.ip();
    }

    /** The request's HTTP headers, names in lower case. */
    public Map<String, String> headers() {
        return client.headers();
    }
}
