package dev.jakartaparse.analytics;

import dev.jakartaparse.analytics.spi.AnalyticsAdapter;
import dev.jakartaparse.analytics.spi.AnalyticsEvent;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default analytics adapter: one document per event in the internal class {@code
 * _AnalyticsEvent}, with its UTC day beside its time so that a day's counts are one query per name.
 */
@ApplicationScoped
public class StoredAnalytics implements AnalyticsAdapter {
    private SystemStore system;

    protected StoredAnalytics() {}

    @Inject
    public StoredAnalytics(SystemStore system) {
        this.system = system;
    }

    @Override
    public void track(AnalyticsEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("objectId", ObjectIds.newObjectId());
        doc.put("name", event.name());
        doc.put("day", event.at().atZone(ZoneOffset.UTC).toLocalDate().toString());
        doc.put("at", ObjectIds.date(event.at()));
        if (!event.dimensions().isEmpty()) {
            doc.put("dimensions", event.dimensions());
        }
        if (event.installationId() != null) {
            doc.put("installationId", event.installationId());
        }
        system.recordAnalyticsEvent(doc);
    }

    @Override
    public Map<String, Long> countsOn(LocalDate day) {
        return system.analyticsCountsOn(day.toString());
    }
}
