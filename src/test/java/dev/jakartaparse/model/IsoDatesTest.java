package dev.jakartaparse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/** The quick reading of Parse's date form agrees with java.time, and leaves everything else to it. */
class IsoDatesTest {

    @Test
    void parseDatesReadAsJavaTimeReadsThem() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-30_000_000_000_000L, 253_000_000_000_000L));
            String iso = t.truncatedTo(ChronoUnit.MILLIS).toString();
            if (iso.length() == 20) { // whole seconds: Parse writes .000
                iso = iso.substring(0, 19) + ".000Z";
            }
            assertEquals(t, IsoDates.parseCanonical(iso), iso);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.999Z"), IsoDates.parseCanonical("2024-02-29T23:59:59.999Z"));
        assertEquals(
                Instant.parse("2024-02-29T23:59:59.123456789Z"),
                IsoDates.parseCanonical("2024-02-29T23:59:59.123456789Z"));
    }

    @Test
    void writtenAsJavaTimeWritesThem() {
        DateTimeFormatter iso =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long ms = random.nextLong(-70_000_000_000_000L, 320_000_000_000_000L); // years -248 to 12110
            assertEquals(iso.format(Instant.ofEpochMilli(ms)), IsoDates.format(ms), Long.toString(ms));
        }
        for (long ms : new long[] {0, -1, 86_399_999, 1_700_000_000_000L, -62_135_596_800_000L, 253_402_300_799_999L}) {
            assertEquals(iso.format(Instant.ofEpochMilli(ms)), IsoDates.format(ms), Long.toString(ms));
        }
    }

    @Test
    void otherFormsAndImpossibleDatesAreLeftToJavaTime() {
        for (String s : new String[] {
            "2023-02-29T00:00:00.000Z",
            "2026-11-23T24:00:00.000Z",
            "2026-13-01T00:00:00.000Z",
            "2026-11-23T10:60:00.000Z",
            "2026-11-23T10:00:00.000+01:00",
            "2026-1a-23T10:00:00.000Z",
            "+2026-11-23T10:00:00.00Z",
            "2026-11-23T10:00:00.Z"
        }) {
            assertNull(IsoDates.parseCanonical(s), s);
        }
    }
}
