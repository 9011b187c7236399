package dev.jakartaparse.model;

import java.util.Map;

/**
 * Who sent the request a Cloud Code method runs for: the client's IP address and the HTTP
 * headers (names in lower case, as Parse Server gives them). Empty when no HTTP request is behind
 * the call (a job, a timer).
 */
public record Client(String ip, Map<String, String> headers) {
    public static final Client NONE = new Client(null, Map.of());
}
