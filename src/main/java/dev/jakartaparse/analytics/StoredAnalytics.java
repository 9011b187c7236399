package dev.jakartaparse.analytics;

import dev.jakartaparse.analytics.spi.AnalyticsAdapter;
import dev.jakartaparse.analytics.spi.AnalyticsEvent;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default analytics adapter: one document per event in {@code _AnalyticsEvent}, with its UTC
 * day beside its time so that counting a day is one indexed-shaped query per name.
 */
@ApplicationScoped
public class StoredAnalytics implements AnalyticsAdapter {
    static final String CLASS = "_AnalyticsEvent";
    private static final ClassSchema SCHEMA = SchemaController.emptySchema(CLASS);

    private StorageAdapter storage;

    protected StoredAnalytics() {}

    @Inject
    public StoredAnalytics(StorageAdapter storage) {
        this.storage = storage;
    }

    @Override
    public void track(AnalyticsEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("objectId", ObjectIds.newObjectId());
        doc.put("name", event.name());
        doc.put("day", day(event).toString());
        doc.put("at", ObjectIds.date(event.at()));
        if (!event.dimensions().isEmpty()) {
            doc.put("dimensions", event.dimensions());
        }
        if (event.installationId() != null) {
            doc.put("installationId", event.installationId());
        }
        storage.createObject(CLASS, SCHEMA, doc);
    }

    @Override
    public Map<String, Long> countsOn(LocalDate day) {
        Map<String, Object> onDay = Map.of("day", day.toString());
        Map<String, Long> counts = new TreeMap<>();
        for (Object name : storage.distinct(CLASS, SCHEMA, onDay, "name")) {
            Map<String, Object> where = Map.of("day", day.toString(), "name", name);
            counts.put(String.valueOf(name), storage.count(CLASS, SCHEMA, where, null));
        }
        return counts;
    }

    private static LocalDate day(AnalyticsEvent event) {
        return event.at().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
