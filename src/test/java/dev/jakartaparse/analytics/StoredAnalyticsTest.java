package dev.jakartaparse.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.analytics.spi.AnalyticsEvent;
import dev.jakartaparse.core.pipeline.Middle;
import dev.jakartaparse.core.system.SystemStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The default adapter counts the stored events per name and UTC day. */
class StoredAnalyticsTest {
    @RegisterExtension
    static final Middle middle = new Middle();

    @Test
    void countsPerNameAndDay() {
        StoredAnalytics analytics = new StoredAnalytics(new SystemStore(middle.storage(), middle.schemas()));
        Instant late = Instant.parse("2025-03-01T23:59:59.999Z");
        analytics.track(new AnalyticsEvent("AppOpened", late, Map.of(), "i1"));
        analytics.track(new AnalyticsEvent("AppOpened", late, Map.of(), null));
        analytics.track(new AnalyticsEvent("Search", late, Map.of("q", "books"), null));
        analytics.track(new AnalyticsEvent("Search", late.plusMillis(1), Map.of(), null));
        assertEquals(Map.of("AppOpened", 2L, "Search", 1L), analytics.countsOn(LocalDate.parse("2025-03-01")));
        assertEquals(Map.of("Search", 1L), analytics.countsOn(LocalDate.parse("2025-03-02")));
        assertEquals(Map.of(), analytics.countsOn(LocalDate.parse("2025-03-03")));
    }
}
