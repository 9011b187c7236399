package dev.jakartaparse.rest.filters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A raw request path as the router reads it: empty segments (doubled or trailing slashes) and path
 * parameters ({@code ;x=1}) dropped, each segment percent-decoded. Rules that key on a path (rate
 * limits) read this form, so that no spelling of a route escapes the rule of the route it reaches.
 */
public final class RoutablePath {
    private RoutablePath() {}

    public static String of(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        for (String segment : rawPath.split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters < 0 ? segment : segment.substring(0, parameters);
            if (!name.isEmpty()) {
                out.append('/').append(decode(name));
            }
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** Percent-decoding as UTF-8; a '%' not followed by two hex digits stays as it is ('+' is no space in a path). */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(c) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
