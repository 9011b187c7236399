package dev.jakartaparse.analytics.spi;

import java.time.LocalDate;
import java.util.Map;

/**
 * Receives the events clients report. Parse Server answers every report with {@code {}} whatever
 * the adapter does, so an adapter's failure never reaches the client (the server logs it).
 */
public interface AnalyticsAdapter {

    void track(AnalyticsEvent event);

    /**
     * How many events of each name happened on this day (UTC), for the server's metrics; an adapter
     * that keeps no counts answers an empty map.
     */
    Map<String, Long> countsOn(LocalDate day);
}
