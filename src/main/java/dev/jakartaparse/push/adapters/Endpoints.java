package dev.jakartaparse.push.adapters;

import dev.jakartaparse.config.ConfigurationError;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/** Checks of the endpoint and number settings the adapters add to Parse's push option. */
final class Endpoints {
    private Endpoints() {}

    /**
     * An https URL, or a plain http one on a loopback address when {@code httpOnLoopback}: a
     * notification and its credentials never cross a network in clear. No trailing slash.
     */
    static String checked(String option, Object value, boolean httpOnLoopback) {
        URI uri;
        try {
            uri = value instanceof String s ? URI.create(s.trim()) : null;
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            throw new ConfigurationError("push", "has a " + option + " that is not a URL: " + value);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme());
        if (!https && !(http && httpOnLoopback && loopback(uri.getHost()))) {
            throw new ConfigurationError(
                    "push",
                    "has a " + option + " that is not https"
                            + (httpOnLoopback ? " (http only on a loopback address)" : "") + ": " + value);
        }
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    static int positive(String platform, Map<String, Object> settings, String key, int fallback) {
        Object v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() >= 1 && n.doubleValue() == Math.floor(n.doubleValue())) {
            return n.intValue();
        }
        throw new ConfigurationError(
                "push", "has a " + platform + "." + key + " that is not a positive whole number: " + v);
    }

    private static boolean loopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
