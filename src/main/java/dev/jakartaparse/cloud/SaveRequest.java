package dev.jakartaparse.cloud;

import jakarta.enterprise.inject.spi.CDI;

import java.util.Map;

/**
 * What a beforeSave or afterSave trigger receives. {@code object} is the object as it will be
 * (beforeSave) or was (afterSave) saved, in REST form; a beforeSave may change it, and the changes
 * are saved and returned to the client. {@code original} is the stored object before an update
 * (null on create).
 */
public record SaveRequest(String triggerName, String className, Map<String, Object> object, Map<String, Object> original,
                          String userId, boolean master, String installationId, Map<String, Object> context, Client client) {

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

    public boolean isNew() {
        return original == null;
    }
}
