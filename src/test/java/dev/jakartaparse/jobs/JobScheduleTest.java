package dev.jakartaparse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class JobScheduleTest {
    private static final List<Integer> EVERY_DAY = List.of(1, 1, 1, 1, 1, 1, 1);

    private static JobSchedule schedule(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("objectId", "s1");
        m.put("jobName", "j");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return JobSchedule.from(m);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void aOneOffRunsOnceAtStartAfter() {
        JobSchedule s = schedule("startAfter", "2026-01-05T10:00:00.000Z", "daysOfWeek", EVERY_DAY);
        assertEquals(Optional.empty(), s.dueSlot(at("2026-01-05T09:59:59Z")));
        assertEquals(Optional.of(at("2026-01-05T10:00:00Z")), s.dueSlot(at("2026-01-06T12:00:00Z")));
        JobSchedule ran = schedule(
                "startAfter",
                "2026-01-05T10:00:00.000Z",
                "lastRun",
                at("2026-01-05T10:00:00Z").toEpochMilli());
        assertEquals(Optional.empty(), ran.dueSlot(at("2026-02-01T00:00:00Z")));
    }

    @Test
    void dailyAtATimeOfDayStartsAtTheFirstSuchTimeAfterStartAfter() {
        JobSchedule s = schedule(
                "startAfter",
                "2026-01-05T10:00:00.000Z",
                "timeOfDay",
                "09:30:00.000Z",
                "repeatMinutes",
                1440,
                "daysOfWeek",
                EVERY_DAY);
        // 09:30 on the 5th is before startAfter: the first run is on the 6th.
        assertEquals(Optional.empty(), s.dueSlot(at("2026-01-06T09:29:00Z")));
        assertEquals(Optional.of(at("2026-01-06T09:30:00Z")), s.dueSlot(at("2026-01-06T09:30:00Z")));
        assertEquals(Optional.of(at("2026-01-09T09:30:00Z")), s.dueSlot(at("2026-01-09T23:00:00Z")));
    }

    @Test
    void aSlotAlreadyRunIsNotDueAgainUntilTheNextOne() {
        long ran = at("2026-01-05T10:15:00Z").toEpochMilli();
        JobSchedule s = schedule("startAfter", "2026-01-05T10:00:00.000Z", "repeatMinutes", 15, "lastRun", ran);
        assertEquals(Optional.empty(), s.dueSlot(at("2026-01-05T10:29:59Z")));
        assertEquals(Optional.of(at("2026-01-05T10:30:00Z")), s.dueSlot(at("2026-01-05T10:31:00Z")));
    }

    @Test
    void runsOnlyOnFlaggedWeekdaysSundayFirst() {
        // 2026-01-04 is a Sunday; only Mondays (index 1) are allowed.
        JobSchedule s = schedule(
                "startAfter",
                "2026-01-01T00:00:00.000Z",
                "timeOfDay",
                "08:00:00.000Z",
                "repeatMinutes",
                1440,
                "daysOfWeek",
                List.of(0, 1, 0, 0, 0, 0, 0));
        assertEquals(Optional.of(at("2026-01-05T08:00:00Z")), s.dueSlot(at("2026-01-07T12:00:00Z")));
        assertEquals(Optional.empty(), s.dueSlot(at("2026-01-05T07:00:00Z")));
        JobSchedule never = schedule(
                "startAfter",
                "2026-01-01T00:00:00.000Z",
                "repeatMinutes",
                60,
                "daysOfWeek",
                List.of(false, false, false, false, false, false, false));
        assertTrue(never.dueSlot(at("2026-03-01T00:00:00Z")).isEmpty());
    }

    @Test
    void paramsAreTheDecodedJsonString() {
        Map<String, Object> params = schedule("params", "{\"limit\":10}").paramsMap();
        assertEquals(1, params.size());
        assertEquals(10, ((Number) params.get("limit")).intValue());
        assertTrue(schedule().paramsMap().isEmpty());
    }

    @Test
    void malformedScheduleValuesAreRefusedWith162() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("startAfter", "next tuesday"),
                Map.of("timeOfDay", "25:00:00.000Z"),
                Map.of("timeOfDay", "noon"),
                Map.of("daysOfWeek", List.of(1, 1, 1)),
                Map.of("daysOfWeek", List.of(1, 1, 1, 1, 1, 1, 2)),
                Map.of("repeatMinutes", -5),
                Map.of("repeatMinutes", 1.5),
                Map.of("params", "{not json"),
                Map.of("params", "[1,2]"))) {
            ParseException e = assertThrows(ParseException.class, () -> JobSchedule.validate(bad), bad.toString());
            assertEquals(ParseError.INVALID_VALUE, e.code());
        }
        JobSchedule.validate(Map.of(
                "startAfter",
                "2026-01-05T10:00:00.000Z",
                "timeOfDay",
                "9:05:00.000Z",
                "daysOfWeek",
                EVERY_DAY,
                "repeatMinutes",
                60,
                "params",
                "{}"));
        JobSchedule.validate(Map.of("repeatMinutes", Map.of("__op", "Delete")));
    }
}
