package dev.jakartaparse.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

class PushRulesTest {
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @Test
    void pushTimeWithAZoneIsAnInstantAndWithoutOneALocalTime() {
        PushTime zoned = PushTime.parse("2030-06-01T13:00:00.000+02:00");
        assertFalse(zoned.local());
        assertEquals("2030-06-01T11:00:00.000Z", zoned.stored());
        PushTime local = PushTime.parse("2030-06-01T13:00");
        assertTrue(local.local());
        assertEquals("2030-06-01T13:00:00.000", local.stored());
        assertEquals(Instant.parse("2030-06-01T18:00:00Z"), local.dueAt(ZoneOffset.ofHours(-5)));
        assertEquals(
                Instant.parse("2030-06-01T00:00:00Z"),
                PushTime.parse(1906502400).instant());
        assertEquals(local, PushTime.ofStored(local.stored()));
        ParseException e = assertThrows(ParseException.class, () -> PushTime.parse("tomorrow"));
        assertEquals(115, e.code());
        assertEquals("tomorrow is not valid time.", e.getMessage());
    }

    @Test
    void bodyChecksFollowParseOrderAndOurOwnRules() {
        assertEquals(
                Map.of("channels", Map.of("$in", List.of("a"))), PushBody.audience(Map.of("channels", List.of("a"))));
        assertEquals(115, code(() -> PushBody.audience(Map.of())));
        assertEquals(115, code(() -> PushBody.audience(Map.of("where", Map.of(), "channels", List.of()))));
        assertEquals(102, code(() -> PushBody.audience(Map.of("where", "x"))));

        Map<String, Object> where = Map.of();
        PushBody now = PushBody.parse(Map.of("expiration_interval", 60), where, true, NOW);
        assertEquals(NOW.toEpochMilli() + 60_000, now.expiry());
        assertNull(now.pushTime());
        assertEquals(115, code(() -> PushBody.parse(Map.of("expiration_interval", 0), where, true, NOW)));
        assertEquals(
                115,
                code(() -> PushBody.parse(Map.of("expiration_interval", 5, "expiration_time", 1), where, true, NOW)));
        assertEquals(115, code(() -> PushBody.parse(Map.of("push_time", "2030-05-01T00:00:00Z"), where, true, NOW)));
        assertEquals(
                115,
                code(() -> PushBody.parse(
                        Map.of("push_time", "2030-06-02T00:00:00Z", "expiration_time", "2030-06-01T23:00:00Z"),
                        where,
                        true,
                        NOW)));
        // without scheduledPush a push_time is ignored and the push goes now, as in Parse
        assertNull(PushBody.parse(Map.of("push_time", "2030-05-01T00:00:00Z"), where, false, NOW)
                .pushTime());
        PushBody later = PushBody.parse(Map.of("push_time", "2030-06-02T00:00:00Z"), where, true, NOW);
        assertEquals("2030-06-02T00:00:00.000Z", later.pushTime().stored());
    }

    @Test
    void badgeRules() {
        assertEquals(new PushBody.BadgeChange(true, 1), PushBody.BadgeChange.of("increment"));
        assertEquals(
                new PushBody.BadgeChange(true, 3), PushBody.BadgeChange.of(Map.of("__op", "Increment", "amount", 3)));
        assertEquals(new PushBody.BadgeChange(false, 5), PushBody.BadgeChange.of("5"));
        assertNull(PushBody.BadgeChange.of(0));
        assertEquals(115, code(() -> PushBody.BadgeChange.of("many")));
    }

    @Test
    void localizedTextsReplaceTheDefaultForTheirLanguage() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", "Hi");
        data.put("alert-fr", "Salut");
        data.put("title-de", "Titel");
        data.put("sound", "x");
        List<String> locales = PushPayloads.locales(data);
        assertEquals(List.of("fr", "de"), locales);
        assertEquals("fr", PushPayloads.localeOf("fr-CA", locales));
        assertNull(PushPayloads.localeOf("en-US", locales));
        assertEquals(Map.of("alert", "Salut", "sound", "x"), PushPayloads.forLocale(data, "fr"));
        assertEquals(Map.of("alert", "Hi", "title", "Titel", "sound", "x"), PushPayloads.forLocale(data, "de"));
        assertEquals(Map.of("alert", "Hi", "sound", "x"), PushPayloads.forLocale(data, null));
    }

    @Test
    void aLocalTimeIsOnePartPerOffsetInTheOrderTheyFallDue() {
        List<TimeZoneSlices.Slice> slices = TimeZoneSlices.of(PushTime.parse("2030-06-01T09:00:00"));
        assertEquals("14", slices.get(0).utcOffset());
        assertEquals(Instant.parse("2030-05-31T19:00:00Z"), slices.get(0).dueAt());
        for (int i = 1; i < slices.size(); i++) {
            assertTrue(slices.get(i - 1).dueAt().isBefore(slices.get(i).dueAt()));
        }
        assertTrue(slices.stream().anyMatch(s -> "5.5".equals(s.utcOffset())));
        assertEquals(
                1, TimeZoneSlices.of(PushTime.parse("2030-06-01T09:00:00Z")).size());
    }

    @Test
    void tallyContinuesFromTheStoredCounts() {
        PushTally tally = new PushTally(Map.of("numSent", 2, "sentPerType", Map.of("ios", 2), "count", 3));
        Device ios = new Device("a", "ios", "t", null, null);
        Device android = new Device("b", "android", "u", null, null);
        tally.add(List.of(Delivery.sent(ios), Delivery.invalidToken(android, "gone")), "-5");
        tally.pageDone();
        Map<String, Object> fields = tally.fields();
        assertEquals(3L, fields.get("numSent"));
        assertEquals(1L, fields.get("numFailed"));
        assertEquals(Map.of("ios", 3L), fields.get("sentPerType"));
        assertEquals(Map.of("android", 1L), fields.get("failedPerType"));
        assertEquals(Map.of("-5", 1L), fields.get("sentPerUTCOffset"));
        assertEquals(2L, fields.get("count"));
    }

    @Test
    void deviceTypesNamedInTheQueryMustHaveAnAdapter() {
        PushService.checkDeviceTypes(Map.of("deviceType", "ios"), Set.of("ios"));
        assertEquals(115, code(() -> PushService.checkDeviceTypes(Map.of("deviceType", "nokia"), Set.of("ios"))));
        assertEquals(
                115,
                code(() -> PushService.checkDeviceTypes(
                        Map.of("deviceType", Map.of("$in", List.of("ios", "nokia"))), Set.of("ios"))));
        assertEquals("5d41402abc4b2a76b9719d911017c592", PushService.pushHash("hello"));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", PushService.pushHash(null));
    }

    private static int code(Runnable r) {
        return assertThrows(ParseException.class, r::run).code();
    }
}
