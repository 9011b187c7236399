package dev.jakartaparse.cloud;

import jakarta.enterprise.inject.spi.CDI;

import java.util.List;
import java.util.Map;

/**
 * What a beforeFind or afterFind trigger receives. A beforeFind may change {@code where} (the
 * query's constraints, REST form) to narrow or widen what the caller gets; an afterFind may change
 * {@code objects} (remove, edit or add results) before they are sent. The query's own rules (ACLs,
 * class-level permissions) still apply to what beforeFind leaves.
 */
public record FindRequest(String triggerName, String className, Map<String, Object> where, List<Map<String, Object>> objects,
                          boolean isGet, boolean count, String userId, boolean master, String installationId, Client client) {

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
