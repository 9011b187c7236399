package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** Parse's {"$relativeTime": "in 2 days" | "3 hours ago" | "now"} for date comparisons. */
final class RelativeTime {
    private RelativeTime() {}

    static Date toDate(String text, Date now, String op) {
        String lower = text.toLowerCase();
        List<String> parts = new ArrayList<>(
                Arrays.stream(lower.split(" ")).filter(p -> !p.isEmpty()).toList());
        boolean future = !parts.isEmpty() && parts.get(0).equals("in");
        boolean past = !parts.isEmpty() && parts.get(parts.size() - 1).equals("ago");
        if (!future && !past && !lower.equals("now")) {
            throw error(op, "Time should either start with 'in' or end with 'ago'");
        }
        if (future && past) {
            throw error(op, "Time cannot have both 'in' and 'ago'");
        }
        if (future) {
            parts = parts.subList(1, parts.size());
        } else if (past) {
            parts = parts.subList(0, parts.size() - 1);
        } else {
            parts = List.of();
        }
        if (parts.size() % 2 != 0) {
            throw error(op, "Invalid time string. Dangling unit or number.");
        }
        long seconds = 0;
        for (int i = 0; i < parts.size(); i += 2) {
            String num = parts.get(i);
            long val;
            try {
                val = Long.parseLong(num);
            } catch (NumberFormatException e) {
                throw error(op, "'" + num + "' is not an integer.");
            }
            String interval = parts.get(i + 1);
            seconds += val
                    * switch (interval) {
                        case "yr", "yrs", "year", "years" -> 31536000L;
                        case "wk", "wks", "week", "weeks" -> 604800L;
                        case "d", "day", "days" -> 86400L;
                        case "hr", "hrs", "hour", "hours" -> 3600L;
                        case "min", "mins", "minute", "minutes" -> 60L;
                        case "sec", "secs", "second", "seconds" -> 1L;
                        default -> throw error(op, "Invalid interval: '" + interval + "'");
                    };
        }
        long millis = seconds * 1000;
        return new Date(future ? now.getTime() + millis : past ? now.getTime() - millis : now.getTime());
    }

    private static ParseException error(String op, String info) {
        return new ParseException(ParseError.INVALID_JSON, "bad $relativeTime (" + op + ") value. " + info);
    }
}
