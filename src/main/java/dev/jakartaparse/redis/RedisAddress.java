package dev.jakartaparse.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a Redis is: {@code redis://[[user]:password@]host[:port]} (port 6379 by default). */
public record RedisAddress(String host, int port, String user, String password) {

    /** IllegalArgumentException when the URL is not of that form. */
    public static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("must look like redis://host:port");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String info = uri.getRawUserInfo();
        if (info == null) {
            return new RedisAddress(uri.getHost(), port, null, null);
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? null : URLDecoder.decode(info.substring(0, colon), StandardCharsets.UTF_8);
        String password = URLDecoder.decode(colon < 0 ? info : info.substring(colon + 1), StandardCharsets.UTF_8);
        return new RedisAddress(uri.getHost(), port, user == null || user.isEmpty() ? null : user, password);
    }

    @Override
    public String toString() {
        return host + ":" + port; // never the password
    }
}
