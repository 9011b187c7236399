package dev.jakartaparse.jobs;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code _JobSchedule} as Parse Dashboard writes it, and when it is due. All times are UTC.
 * <ul>
 * <li>Without {@code repeatMinutes} the job runs once, at {@code startAfter}.</li>
 * <li>With it, the job runs every {@code repeatMinutes} from {@code startAfter}, or, when
 * {@code timeOfDay} is set, from the first {@code timeOfDay} at or after {@code startAfter} (so
 * 1440 with 09:30 is "daily at 09:30"), on the weekdays flagged in {@code daysOfWeek} (7 flags,
 * Sunday first).</li>
 * </ul>
 * A run that was missed (no server up) is not caught up: only the latest due run happens.
 * {@code lastRun} holds the epoch milliseconds of the slot that ran last; servers claim a slot by
 * moving it, so each slot runs once.
 */
public record JobSchedule(
        String objectId,
        String jobName,
        String params,
        Instant startAfter,
        List<Boolean> daysOfWeek,
        LocalTime timeOfDay,
        long repeatMinutes,
        Long lastRun) {

    private static final Pattern TIME_OF_DAY =
            Pattern.compile("^([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:\\.\\d{1,3})?)?Z?$");

    /**
     * Checks the fields of a job_schedule a client sends (all of them optional); 162 with a message
     * naming the field and the expected form. Type errors of known fields are left to the schema.
     */
    public static void validate(Map<String, Object> fields) {
        if (fields.get("params") instanceof String p) {
            paramsOf(p);
        }
        if (fields.get("startAfter") instanceof String s) {
            instant(s);
        }
        if (fields.get("timeOfDay") instanceof String t) {
            timeOfDay(t);
        }
        if (fields.containsKey("daysOfWeek") && !isDelete(fields.get("daysOfWeek"))) {
            days(fields.get("daysOfWeek"));
        }
        Object repeat = fields.get("repeatMinutes");
        if (repeat != null && !isDelete(repeat)) {
            if (!(repeat instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw invalid("repeatMinutes must be a whole number of minutes, 0 or more");
            }
        }
    }

    /** Reads a stored schedule; IllegalArgumentException when it cannot be run as written. */
    public static JobSchedule from(Map<String, Object> stored) {
        try {
            String start = stored.get("startAfter") instanceof String s ? s : null;
            Instant startAfter = start != null
                    ? instant(start)
                    : stored.get("createdAt") instanceof String c ? instant(c) : Instant.EPOCH;
            Object d = stored.get("daysOfWeek");
            List<Boolean> days = d == null ? null : days(d);
            LocalTime time = stored.get("timeOfDay") instanceof String t ? timeOfDay(t) : null;
            long repeat = stored.get("repeatMinutes") instanceof Number n ? n.longValue() : 0;
            Long lastRun = stored.get("lastRun") instanceof Number n ? n.longValue() : null;
            String params = stored.get("params") instanceof String p ? p : null;
            if (params != null) {
                paramsOf(params);
            }
            return new JobSchedule(
                    (String) stored.get("objectId"),
                    (String) stored.get("jobName"),
                    params,
                    startAfter,
                    days,
                    time,
                    Math.max(0, repeat),
                    lastRun);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The params the job receives: the stored JSON string, decoded. */
    public Map<String, Object> paramsMap() {
        return params == null ? new LinkedHashMap<>() : paramsOf(params);
    }

    /** The slot that should have run by {@code now} and has not yet, if any. */
    public Optional<Instant> dueSlot(Instant now) {
        Optional<Instant> slot = latestSlot(now);
        if (slot.isEmpty() || (lastRun != null && lastRun >= slot.get().toEpochMilli())) {
            return Optional.empty();
        }
        return slot;
    }

    /** The latest slot at or before {@code now} on an allowed weekday. */
    Optional<Instant> latestSlot(Instant now) {
        if (repeatMinutes == 0) {
            return !startAfter.isAfter(now) && allowed(startAfter) ? Optional.of(startAfter) : Optional.empty();
        }
        Instant anchor = anchor();
        long interval = Duration.ofMinutes(repeatMinutes).toMillis();
        long k = Math.floorDiv(now.toEpochMilli() - anchor.toEpochMilli(), interval);
        for (int step = 0; step < 8 && k >= 0; step++) {
            Instant slot = anchor.plusMillis(k * interval);
            if (allowed(slot)) {
                return Optional.of(slot);
            }
            // Skip to the last slot before that day began.
            Instant dayStart = slot.truncatedTo(ChronoUnit.DAYS);
            k = Math.floorDiv(dayStart.toEpochMilli() - 1 - anchor.toEpochMilli(), interval);
        }
        return Optional.empty();
    }

    private Instant anchor() {
        if (timeOfDay == null) {
            return startAfter;
        }
        Instant sameDay = startAfter.truncatedTo(ChronoUnit.DAYS).plusNanos(timeOfDay.toNanoOfDay());
        return sameDay.isBefore(startAfter) ? sameDay.plus(1, ChronoUnit.DAYS) : sameDay;
    }

    private boolean allowed(Instant slot) {
        if (daysOfWeek == null) {
            return true;
        }
        int sundayFirst = slot.atOffset(ZoneOffset.UTC).getDayOfWeek().getValue() % 7;
        return daysOfWeek.get(sundayFirst);
    }

    private static boolean isDelete(Object value) {
        return value instanceof Map<?, ?> m && "Delete".equals(m.get("__op"));
    }

    private static Instant instant(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("startAfter must be an ISO 8601 date and time, such as 2026-01-31T09:00:00.000Z");
        }
    }

    private static LocalTime timeOfDay(String text) {
        Matcher m = TIME_OF_DAY.matcher(text);
        if (!m.matches()) {
            throw invalid("timeOfDay must be a UTC time of day, such as 09:30:00.000Z");
        }
        int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), seconds);
    }

    private static List<Boolean> days(Object value) {
        if (value instanceof List<?> list && list.size() == 7) {
            Boolean[] flags = new Boolean[7];
            for (int i = 0; i < 7; i++) {
                Object f = list.get(i);
                if (f instanceof Boolean b) {
                    flags[i] = b;
                } else if (f instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
                    flags[i] = n.doubleValue() == 1;
                } else {
                    flags = null;
                    break;
                }
            }
            if (flags != null) {
                return List.of(flags);
            }
        }
        throw invalid("daysOfWeek must be an array of 7 flags (1 to run, 0 not to), Sunday first");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paramsOf(String json) {
        Object parsed;
        try {
            parsed = json.isBlank() ? new LinkedHashMap<>() : Json.parse(json);
        } catch (ParseException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw invalid("params must be a JSON object written as a string, such as \"{\\\"limit\\\": 10}\"");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static ParseException invalid(String message) {
        return new ParseException(ParseError.INVALID_VALUE, message);
    }
}
