package dev.jakartaparse.rest.filters;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes the characters a request line may carry raw but a {@link java.net.URI} refuses
 * ({@code { } | ^ " [ ] \} spaces, non-ASCII, a lone {@code %}), so that a query such as
 * {@code where={"a":1}} sent unencoded (curl -g, Parse Dashboard's API console) reads as its encoded
 * form, as Express reads it. Everything that is already legal is left as it is.
 */
final class UriEscaper {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEscaper() {}

    /** The path or query with every character a URI does not allow percent-encoded; null stays null. */
    static String escape(String raw) {
        if (raw == null || isLegal(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && isEscape(raw, i)) {
                out.append(c);
            } else if (c < 0x80 && allowed(c)) {
                out.append(c);
            } else if (c < 0x100) {
                // The container hands over the request line's bytes one char each (ISO-8859-1).
                appendByte(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                for (byte b : raw.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(out, b & 0xFF);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isLegal(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' ? !isEscape(raw, i) : c >= 0x80 || !allowed(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** RFC 3986's unreserved and sub-delims characters, and those a path or query may hold besides. */
    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
}
