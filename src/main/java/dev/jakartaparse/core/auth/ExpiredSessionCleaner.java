package dev.jakartaparse.core.auth;

import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import dev.jakartaparse.core.pipeline.ObjectIds;
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
 * Deletes sessions whose expiresAt has passed, every five minutes. Safe when several servers run
 * it against one database at once: each run is one delete-by-query, and deleting what another
 * server already deleted is harmless.
 */
@Singleton
@Startup
public class ExpiredSessionCleaner {
    private static final Logger LOG = Logger.getLogger(ExpiredSessionCleaner.class.getName());

    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void deleteExpiredSessions() {
        try {
            schemas.find("_Session").ifPresent(schema -> {
                Map<String, Object> expired = Map.of("expiresAt", Map.of("$lt", ObjectIds.date(Instant.now())));
                try {
                    storage.deleteObjectsByQuery("_Session", schema, expired);
                } catch (ParseException e) {
                    if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete expired sessions; will try again at the next run", e);
        }
    }
}
