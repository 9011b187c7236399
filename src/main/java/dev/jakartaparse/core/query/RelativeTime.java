package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parse's {@code {"$relativeTime": "in 2 days"}} / {@code "3 hours ago"} / {@code "now"} values,
 * with Parse Server's rules and error texts. Kept as an offset so that a long-lived compiled query
 * (LiveQuery) keeps measuring from the evaluation time.
 */
final class RelativeTime {
    private RelativeTime() {}

    /** Signed offset from now in milliseconds; throws INVALID_JSON like Parse Server. */
    static long parseOffsetMillis(String text, String operator) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        for (String part : lower.split(" ")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        boolean future = !parts.isEmpty() && parts.get(0).equals("in");
        boolean past = !parts.isEmpty() && parts.get(parts.size() - 1).equals("ago");
        if (!future && !past && !lower.equals("now")) {
            throw error(operator, "Time should either start with 'in' or end with 'ago'");
        }
        if (future && past) {
            throw error(operator, "Time cannot have both 'in' and 'ago'");
        }
        parts = future ? parts.subList(1, parts.size()) : parts.subList(0, Math.max(0, parts.size() - 1));
        if (parts.size() % 2 != 0 && !lower.equals("now")) {
            throw error(operator, "Invalid time string. Dangling unit or number.");
        }
        long seconds = 0;
        for (int i = 0; i + 1 < parts.size(); i += 2) {
            long value;
            try {
                value = Long.parseLong(parts.get(i));
            } catch (NumberFormatException e) {
                throw error(operator, "'" + parts.get(i) + "' is not an integer.");
            }
            seconds += value * unitSeconds(parts.get(i + 1), operator);
        }
        long millis = seconds * 1000;
        return future ? millis : -millis;
    }

    private static long unitSeconds(String unit, String operator) {
        return switch (unit) {
            case "yr", "yrs", "year", "years" -> 31536000L;
            case "wk", "wks", "week", "weeks" -> 604800L;
            case "d", "day", "days" -> 86400L;
            case "hr", "hrs", "hour", "hours" -> 3600L;
            case "min", "mins", "minute", "minutes" -> 60L;
            case "sec", "secs", "second", "seconds" -> 1L;
            default -> throw error(operator, "Invalid interval: '" + unit + "'");
        };
    }

    private static ParseException error(String operator, String info) {
        return new ParseException(ParseError.INVALID_JSON, "bad $relativeTime (" + operator + ") value. " + info);
    }
}
