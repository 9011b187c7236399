package dev.jakartaparse.push;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a push's audience that are due at different moments. A push at an instant is one
 * part; a push at a local time has one part per UTC offset in use at that time, each matching the
 * installations whose timeZone has that offset then, due when that offset reaches the time. An
 * installation without a known timeZone counts as UTC.
 */
public final class TimeZoneSlices {

    /**
     * One part of the audience.
     *
     * @param utcOffset Parse's sentPerUTCOffset key (hours, e.g. "-5", "5.5"), null for a push at an instant
     * @param dueAt when it is sent
     * @param condition what it adds to the where clause, null for nothing
     */
    public record Slice(String utcOffset, Instant dueAt, Map<String, Object> condition) {}

    private TimeZoneSlices() {}

    /** In the order they fall due. */
    public static List<Slice> of(PushTime time) {
        if (!time.local()) {
            return List.of(new Slice(null, time.instant(), null));
        }
        LocalDateTime wallClock = LocalDateTime.ofInstant(time.instant(), ZoneOffset.UTC);
        TreeMap<Integer, List<String>> zonesByOffset = new TreeMap<>(Comparator.reverseOrder());
        List<String> notUtc = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(ZoneId.getAvailableZoneIds())) {
            int seconds = ZoneId.of(id).getRules().getOffset(wallClock).getTotalSeconds();
            zonesByOffset.computeIfAbsent(seconds, s -> new ArrayList<>()).add(id);
            if (seconds != 0) {
                notUtc.add(id);
            }
        }
        zonesByOffset.putIfAbsent(0, new ArrayList<>());
        List<Slice> slices = new ArrayList<>();
        zonesByOffset.forEach((seconds, zones) -> {
            Instant due = wallClock.toInstant(ZoneOffset.ofTotalSeconds(seconds));
            Map<String, Object> condition = seconds == 0
                    ? Map.of("timeZone", Map.of("$nin", notUtc))
                    : Map.of("timeZone", Map.of("$in", zones));
            slices.add(new Slice(label(seconds), due, condition));
        });
        return slices;
    }

    static String label(int seconds) {
        double hours = seconds / 3600.0;
        return hours == Math.rint(hours) ? Long.toString((long) hours) : Double.toString(hours);
    }
}
