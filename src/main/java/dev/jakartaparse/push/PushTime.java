package dev.jakartaparse.push;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A push's {@code push_time}: an instant, or (a string without a time zone) a wall-clock time that
 * each installation reaches in its own timeZone. Stored in {@code _PushStatus.pushTime} as Parse
 * stores it: ISO with milliseconds, with {@code Z} for an instant and without for a local time.
 *
 * @param local the time without a zone; {@code instant} is that time read as UTC
 */
public record PushTime(Instant instant, boolean local) {
    /** Parse's test for a zone: a trailing Z or a ±hh:mm offset. */
    private static final Pattern OFFSET = Pattern.compile("(.+)([+-])\\d\\d:\\d\\d$");

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    /** Earliest and latest UTC offsets in use: a local time is due somewhere from T-14h to T+12h. */
    static final int EARLIEST_OFFSET_HOURS = 14;

    static final int LATEST_OFFSET_HOURS = -12;

    /** Parses the request's value: seconds since the epoch, or an ISO 8601 string (115 otherwise). */
    public static PushTime parse(Object value) {
        if (value instanceof Number n) {
            return new PushTime(secondsToInstant(n, value), false);
        }
        if (value instanceof String s) {
            boolean zoned = s.indexOf('Z') == s.length() - 1 && !s.isEmpty()
                    || OFFSET.matcher(s).matches();
            return new PushTime(parseDate(s, value), !zoned);
        }
        throw notValid(value);
    }

    /** A stored pushTime (with Z: an instant; without: a local time). */
    public static PushTime ofStored(String stored) {
        return parse(stored);
    }

    /** An expiration_time: seconds since the epoch or an ISO string (read as UTC without a zone). */
    public static Instant parseExpiration(Object value) {
        if (value instanceof Number n) {
            return secondsToInstant(n, value);
        }
        if (value instanceof String s) {
            return parseDate(s, value);
        }
        throw notValid(value);
    }

    /** As _PushStatus keeps it. */
    public String stored() {
        String s = STORED.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        return local ? s : s + "Z";
    }

    /** When the push is due for an installation {@code offset} ahead of UTC. */
    public Instant dueAt(ZoneOffset offset) {
        return local ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toInstant(offset) : instant;
    }

    /** The first moment anyone is due. */
    public Instant earliest() {
        return local ? instant.minusSeconds(EARLIEST_OFFSET_HOURS * 3600L) : instant;
    }

    /** The moment the last time zone is due. */
    public Instant latest() {
        return local ? instant.minusSeconds(LATEST_OFFSET_HOURS * 3600L) : instant;
    }

    private static Instant secondsToInstant(Number n, Object raw) {
        double seconds = n.doubleValue();
        if (!Double.isFinite(seconds) || Math.abs(seconds) > 8.64e12) {
            throw notValid(raw);
        }
        return Instant.ofEpochMilli((long) (seconds * 1000));
    }

    private static Instant parseDate(String s, Object raw) {
        String t = s.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            throw notValid(raw);
        }
    }

    private static ParseException notValid(Object value) {
        return new ParseException(ParseError.PUSH_MISCONFIGURED, value + " is not valid time.");
    }
}
