package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Map;

/** What a Cloud Code request tells about who made it: the user or master key, the client's IP and headers. */
public interface CallerRequest {

    /** The calling user's objectId; null for the master key or an anonymous caller. */
    String userId();

    /** Whether the request carries the master key. */
    boolean master();

    Client client();

    /** The client's IP address; null when no HTTP request is behind the call. */
    default String ip() {
        return client().ip();
    }

    /** The request's HTTP headers, names in lower case. */
    default Map<String, String> headers() {
        return client().headers();
    }

    /** The calling user's _User object (read when asked for); null for the master key or an anonymous caller. */
    default Map<String, Object> user() {
        return userId() == null
                ? null
                : CDI.current().select(ServerApi.class).get().userObject(userId());
    }
}
