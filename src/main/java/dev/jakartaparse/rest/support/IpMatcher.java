package dev.jakartaparse.rest.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Matches a client address against masterKeyIps entries: single addresses or CIDR ranges, IPv4
 * or IPv6 ("10.0.0.0/8", "::1", "0.0.0.0/0" for any IPv4, "::/0" for any IPv6). IPv4-mapped
 * IPv6 addresses ("::ffff:127.0.0.1") count as their IPv4 address.
 */
public final class IpMatcher {

    private IpMatcher() {}

    public static boolean anyMatches(List<String> entries, String ip) {
        byte[] address = parse(ip);
        if (address == null) {
            return false;
        }
        for (String entry : entries) {
            if (matches(entry.trim(), address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, byte[] address) {
        int slash = entry.indexOf('/');
        byte[] network = parse(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null || network.length != address.length) {
            return false;
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (bits < 0 || bits > network.length * 8) {
                return false;
            }
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Literal addresses only (no name lookups); null when the text is not an address. */
    private static byte[] parse(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.%]+")) {
            return null;
        }
        String literal = text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
        try {
            byte[] b = InetAddress.getByName(literal).getAddress();
            if (b.length == 16 && isV4Mapped(b)) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
