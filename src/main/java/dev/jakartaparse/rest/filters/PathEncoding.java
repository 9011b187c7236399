package dev.jakartaparse.rest.filters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a raw request path decodes: every {@code %} starts a two-digit hex escape and the escaped
 * bytes are well-formed UTF-8 (no overlong forms, no lone continuation bytes). Express refuses such a
 * path with 400 "Failed to decode param"; the container decodes some of them leniently and RESTEasy
 * then fails on them with a 500, so they are refused before JAX-RS sees them.
 */
final class PathEncoding {
    private PathEncoding() {}

    static boolean decodes(String rawPath) {
        int first = rawPath.indexOf('%');
        if (first < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int hi = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
                if (lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                // A raw non-ASCII character is the container's reading of the request line, not an escape.
                bytes.put((byte) 'x');
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
