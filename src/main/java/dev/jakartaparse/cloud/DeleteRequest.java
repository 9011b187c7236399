package dev.jakartaparse.cloud;

import jakarta.enterprise.inject.spi.CDI;

import java.util.Map;

/** What a beforeDelete or afterDelete trigger receives: the object being (or just) deleted. */
public record DeleteRequest(String triggerName, String className, Map<String, Object> object, String userId,
                            boolean master, String installationId, Map<String, Object> context, Client client) {

    /** The client's IP address; null when no HTTP request is behind the call. */
    public String ip() {
        return client.ip();
    }

    /** The request's HTTP headers, names in lower case. */
    public Map<String, String> headers() {
        return client.headers();
    }

    /** The calling user's _User object (read when asked for); null for the master key or an anonymous caller. */
    public Map<String, Object> user() {
        return userId == null ? null : CDI.current().select(CloudCode.class).get().userObject(userId);
    }
}
