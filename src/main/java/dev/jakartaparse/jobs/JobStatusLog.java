package dev.jakartaparse.jobs;

import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each job run's {@code _JobStatus} record, written as Parse Server writes it: created "running"
 * with an empty ACL (master key only) and no updatedAt, then given a message and finally
 * "succeeded" or "failed" with finishedAt.
 */
@ApplicationScoped
public class JobStatusLog {
    private static final Logger LOG = Logger.getLogger(JobStatusLog.class.getName());
    static final String CLASS = "_JobStatus";

    @Inject
    SystemStore store;

    /** Records a run that starts now and returns its objectId. */
    public String running(String jobName, String source) {
        Map<String, Object> status = new LinkedHashMap<>();
        String objectId = ObjectIds.newObjectId();
        status.put("objectId", objectId);
        status.put("jobName", jobName);
        status.put("status", "running");
        status.put("source", source);
        status.put("createdAt", ObjectIds.now());
        status.put("ACL", new LinkedHashMap<>());
        store.createJobStatus(status);
        return objectId;
    }

    public void message(String objectId, String message) {
        update(objectId, Map.of("message", message));
    }

    public void succeeded(String objectId, Object result) {
        finish(objectId, "succeeded", result instanceof String s ? s : null);
    }

    public void failed(String objectId, String message) {
        finish(objectId, "failed", message);
    }

    private void finish(String objectId, String status, String message) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", status);
        changes.put("finishedAt", ObjectIds.date(Instant.now()));
        if (message != null && !message.isEmpty()) {
            changes.put("message", message);
        }
        update(objectId, changes);
    }

    private void update(String objectId, Map<String, Object> changes) {
        try {
            store.updateJobStatus(objectId, changes);
        } catch (RuntimeException e) {
            // The job's own work is not undone because its status could not be written.
            LOG.log(Level.WARNING, "Could not update _JobStatus " + objectId, e);
        }
    }
}
