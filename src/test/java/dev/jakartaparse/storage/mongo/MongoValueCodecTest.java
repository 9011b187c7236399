package dev.jakartaparse.storage.mongo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The quick reading of Parse's own date form agrees with java.time, and leaves everything else to it. */
class MongoValueCodecTest {

    @Test
    void canonicalDatesReadAsJavaTimeReadsThem() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-30_000_000_000_000L, 253_000_000_000_000L));
            String iso = MongoValueCodec.isoString(java.util.Date.from(t));
            assertEquals(t.toEpochMilli(), MongoValueCodec.parseCanonicalIso(iso).getTime(), iso);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
                MongoValueCodec.parseIso("2024-02-29T23:59:59.999Z").getTime());
    }

    @Test
    void otherFormsAndImpossibleDatesAreLeftToJavaTime() {
        for (String s : new String[] {"2023-02-29T00:00:00.000Z", "2026-11-23T24:00:00.000Z", "2026-13-01T00:00:00.000Z",
                "2026-11-23T10:60:00.000Z", "2026-11-23T10:00:00.000+", "2026-11-23T10:00:00Z", "2026-1a-23T10:00:00.000Z",
                "+2026-11-23T10:00:00.00Z"}) {
            assertNull(MongoValueCodec.parseCanonicalIso(s), s);
        }
        assertEquals(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli(),
                MongoValueCodec.parseIso("2026-11-23T10:00:00Z").getTime());
    }
}
