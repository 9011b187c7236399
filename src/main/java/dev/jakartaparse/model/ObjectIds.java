package dev.jakartaparse.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** New objectIds (10 alphanumerics, as Parse Server makes them) and Parse's ISO timestamps. */
public final class ObjectIds {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ObjectIds() {}

    public static String newObjectId() {
        return random(10);
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Millisecond-precision UTC ISO-8601, e.g. 2026-11-23T10:00:00.123Z. */
    public static String iso(Instant instant) {
        return IsoDates.format(instant);
    }

    /** A REST Date value: {"__type":"Date","iso":...}. */
    public static Map<String, Object> date(Instant instant) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("__type", "Date");
        d.put("iso", iso(instant));
        return d;
    }

    public static String now() {
        return iso(Instant.ofEpochMilli(System.currentTimeMillis()));
    }
}
