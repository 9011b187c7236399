package dev.jakartaparse.push;

import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every two seconds: sends the scheduled pushes that are due (each claimed by one server with a
 * conditional update of its status, so several servers send it once), marks those that expired
 * before their time as failed, and takes over pushes whose server stopped making progress (a
 * crash: its lease lapsed) or whose next time zone has come. The schedule lives in the database,
 * so a restart loses nothing.
 */
@Singleton
@Startup
public class ScheduledPushes {
    private static final Logger LOG = Logger.getLogger(ScheduledPushes.class.getName());

    @Inject
    SystemStore store;

    @Inject
    PushAdapters adapters;

    @Inject
    PushDispatcher dispatcher;

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void tick() {
        if (!adapters.pushSupported()) {
            return;
        }
        try {
            Instant now = Instant.now();
            if (adapters.scheduledPushSupported()) {
                store.pushStatuses("scheduled").forEach(status -> startIfDue(status, now));
            }
            store.pushStatuses("pending").forEach(status -> startIfAbandoned(status, now));
            store.pushStatuses("running").forEach(status -> resumeIfLapsed(status, now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for due pushes; will try again at the next run", e);
        }
    }

    private void startIfDue(Map<String, Object> status, Instant now) {
        String id = (String) status.get("objectId");
        PushTime time = PushTime.ofStored(String.valueOf(status.get("pushTime")));
        if (time.earliest().isAfter(now)) {
            return;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("updatedAt", ObjectIds.now());
        if (status.get("expiry") instanceof Number expiry && expiry.longValue() <= now.toEpochMilli()) {
            changes.put("status", "failed");
            changes.put("errorMessage", Map.of("message", "The push expired before its push_time."));
            store.claimPushStatus(id, "scheduled", changes);
            return;
        }
        changes.put("status", "pending");
        if (store.claimPushStatus(id, "scheduled", changes)) {
            dispatcher.start(id);
        }
    }

    /** A push accepted by a server that stopped before it started sending (start claims it once). */
    private void startIfAbandoned(Map<String, Object> status, Instant now) {
        Object updated = status.get("updatedAt");
        if (updated instanceof String iso
                && Instant.parse(iso).plusMillis(PushSender.LEASE_MILLIS).isBefore(now)) {
            dispatcher.start((String) status.get("objectId"));
        }
    }

    private void resumeIfLapsed(Map<String, Object> status, Instant now) {
        String id = (String) status.get("objectId");
        store.pushProgress(id).ifPresent(progress -> {
            if (progress.get("lease") instanceof Number lease
                    && lease.longValue() <= now.toEpochMilli()
                    && store.claimPushLease(id, lease.longValue(), now.toEpochMilli() + PushSender.LEASE_MILLIS)) {
                dispatcher.resume(id);
            }
        });
    }
}
