package dev.jakartaparse.core.system;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Instant;
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
    SystemStore store;

    @Schedule(hour = "*", minute = "*/5", persistent = false)
    public void deleteExpiredRecords() {
        deleteExpired("_Session", "expiresAt");
        deleteExpired("_Idempotency", "expire");
    }

    private void deleteExpired(String className, String dateField) {
        try {
            store.deleteExpired(className, dateField, Instant.now());
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not delete expired " + className + " records; will try again at the next run",
                    e);
        }
    }
}
