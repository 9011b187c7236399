package dev.jakartaparse.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jakartaparse.analytics.spi.AnalyticsAdapter;
import dev.jakartaparse.analytics.spi.AnalyticsEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A report's body as the adapter receives it; a failing adapter never reaches the client. */
class AnalyticsEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private final List<AnalyticsEvent> tracked = new ArrayList<>();
    private final AnalyticsAdapter recording = new AnalyticsAdapter() {
        @Override
        public void track(AnalyticsEvent event) {
            tracked.add(event);
        }

        @Override
        public Map<String, Long> countsOn(LocalDate day) {
            return Map.of();
        }
    };

    @Test
    void atIsADateOrAnIsoStringElseTheArrivalTime() {
        Instant jan = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(jan, AnalyticsEvents.at(Map.of("__type", "Date", "iso", "2024-01-01T00:00:00.000Z"), NOW));
        assertEquals(jan, AnalyticsEvents.at("2024-01-01T00:00:00.000Z", NOW));
        assertEquals(NOW, AnalyticsEvents.at("not a date", NOW));
        assertEquals(NOW, AnalyticsEvents.at(12, NOW));
        assertEquals(NOW, AnalyticsEvents.at(null, NOW));
    }

    @Test
    void dimensionsAndInstallationReachTheAdapter() {
        new AnalyticsEvents(recording).report("Search", Map.of("dimensions", Map.of("q", "books")), "inst", NOW);
        new AnalyticsEvents(recording).report("AppOpened", Map.of("dimensions", "nope"), null, NOW);
        assertEquals(
                List.of(
                        new AnalyticsEvent("Search", NOW, Map.of("q", "books"), "inst"),
                        new AnalyticsEvent("AppOpened", NOW, Map.of(), null)),
                tracked);
    }

    @Test
    void aFailingAdapterIsLoggedNotThrown() {
        AnalyticsAdapter failing = new AnalyticsAdapter() {
            @Override
            public void track(AnalyticsEvent event) {
                throw new IllegalStateException("down");
            }

            @Override
            public Map<String, Long> countsOn(LocalDate day) {
                return Map.of();
            }
        };
        new AnalyticsEvents(failing).report("Search", Map.of(), null, NOW);
    }
}
