package dev.jakartaparse.core.auth;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes what has expired, every five minutes: sessions past their expiresAt and request-id
 * records (_Idempotency) past their expire date. Safe when several servers run it against one
 * database at once: each is one delete-by-query, and deleting what another server already deleted
 * is harmless.
 */
@Singleton
@Startup
public class ExpiredRecordsCleaner {
    private static final Logger LOG = Logger.getLogger(ExpiredRecordsCleaner.class.getName());

    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void deleteExpiredRecords() {
        deleteExpired("_Session", "expiresAt");
        deleteExpired("_Idempotency", "expire");
    }

    private void deleteExpired(String className, String dateField) {
        try {
            Map<String, Object> expired = Map.of(dateField, Map.of("$lt", ObjectIds.date(Instant.now())));
            ClassSchema schema = schemas.find(className).orElse(SchemaController.emptySchema(className));
            try {
                storage.deleteObjectsByQuery(className, schema, expired);
            } catch (ParseException e) {
                if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete expired " + className + " records; will try again at the next run", e);
        }
    }
}
