package dev.jakartaparse.analytics;

import dev.jakartaparse.analytics.spi.AnalyticsAdapter;
import dev.jakartaparse.analytics.spi.AnalyticsEvent;
import dev.jakartaparse.model.IsoDates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a report's body into an {@link AnalyticsEvent} and hands it to the adapter. Parse Server
 * validates nothing here and answers {@code {}} even when its adapter fails, so a report with a
 * malformed {@code at} or {@code dimensions} is still counted, at the time it arrived.
 */
@ApplicationScoped
public class AnalyticsEvents {
    private static final Logger LOG = Logger.getLogger(AnalyticsEvents.class.getName());

    private AnalyticsAdapter adapter;

    protected AnalyticsEvents() {}

    @Inject
    public AnalyticsEvents(AnalyticsAdapter adapter) {
        this.adapter = adapter;
    }

    public void report(String name, Map<String, Object> body, String installationId, Instant received) {
        AnalyticsEvent event = new AnalyticsEvent(name, at(body.get("at"), received), dimensions(body), installationId);
        try {
            adapter.track(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The analytics adapter failed to track " + name, e);
        }
    }

    /** The event's time: a Date ({"__type":"Date","iso":...}) or an ISO string; otherwise when it arrived. */
    static Instant at(Object at, Instant received) {
        Object iso = at instanceof Map<?, ?> m && "Date".equals(m.get("__type")) ? m.get("iso") : at;
        Instant parsed = iso instanceof String s ? IsoDates.parseDate(s) : null;
        return parsed != null ? parsed : received;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dimensions(Map<String, Object> body) {
        return body.get("dimensions") instanceof Map<?, ?> d ? new LinkedHashMap<>((Map<String, Object>) d) : Map.of();
    }
}
