package dev.jakartaparse.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Writing and reading the date form Parse uses everywhere, quickly. */
public final class IsoDates {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoDates() {}

    /**
     * Parse's form: UTC, milliseconds, e.g. 2026-11-23T10:00:00.123Z. Written by hand for the years
     * 1 to 9999 (a find writes two dates per object; the general formatter was a noticeable part of
     * it), by the formatter otherwise.
     */
    public static String format(long epochMillis) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
        if (day.getYear() < 1 || day.getYear() > 9999) {
            return FORMAT.format(Instant.ofEpochMilli(epochMillis));
        }
        int ms = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        char[] c = "0000-00-00T00:00:00.000Z".toCharArray();
        put(c, 0, 4, day.getYear());
        put(c, 5, 2, day.getMonthValue());
        put(c, 8, 2, day.getDayOfMonth());
        put(c, 11, 2, ms / 3_600_000);
        put(c, 14, 2, ms / 60_000 % 60);
        put(c, 17, 2, ms / 1000 % 60);
        put(c, 20, 3, ms % 1000);
        return new String(c);
    }

    public static String format(Instant instant) {
        return format(instant.toEpochMilli());
    }

    /** value's last `width` decimal digits into c[at, at + width). */
    private static void put(char[] c, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Fast path for the shape Parse always emits, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (fraction
     * optional, 1-9 digits): dates are read on every query evaluation and every write, and
     * {@link Instant#parse} is comparatively slow. Returns null for anything else, and for an
     * impossible date.
     */
    public static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(n - 1) != 'Z'
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in s[from, to), or -1 when a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An ISO-8601 date with any offset, as clients send them; null when it is not one. */
    public static Instant parseDate(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(iso);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
