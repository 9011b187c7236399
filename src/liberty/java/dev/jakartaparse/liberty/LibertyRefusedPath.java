package dev.jakartaparse.liberty;

/**
 * The raw request paths Open Liberty's web container (Servlet 6.0) refuses with its own 400 page:
 * a {@code %} without two hex digits, a decoded control character or {@code #}, and a dot segment or
 * an empty segment carrying a path parameter ({@code /..;x=1}, {@code /%2E;x}, {@code /;x/}).
 * Encoded {@code /}, {@code .} and {@code \} are let through by the server's
 * skipEncodedCharVerification, so they are accepted here too.
 */
final class LibertyRefusedPath {
    private LibertyRefusedPath() {}

    static boolean accepted(String rawPath) {
        if (rawPath.indexOf('%') < 0 && rawPath.indexOf(';') < 0) {
            return true;
        }
        for (String segment : rawPath.split("/", -1)) {
            int param = segment.indexOf(';');
            String name = param < 0 ? segment : segment.substring(0, param);
            String decoded = decode(name);
            if (decoded == null || param >= 0 && isDotOrEmpty(decoded)) {
                return false;
            }
            if (param >= 0 && decode(segment.substring(param)) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotOrEmpty(String decoded) {
        return decoded.isEmpty() || decoded.equals(".") || decoded.equals("..");
    }

    /** The segment with its escapes read as Latin-1 bytes, or null when an escape or a decoded character is refused. */
    private static String decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                c = (char) (hi << 4 | lo);
                i += 2;
            }
            if (c < 0x20 || c == 0x7F || c == '#') {
                return null;
            }
            out.append(c);
        }
        return out.toString();
    }
}
