package dev.jakartaparse.core.system;

import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's own, master-level access to its internal classes, one named operation per use:
 * the app's config ({@code _GlobalConfig}), request ids ({@code _Idempotency}) and the expiry of
 * them and of sessions, job runs and
 * schedules ({@code _JobStatus}, {@code _JobSchedule}), webhooks ({@code _Hooks}) and the stored
 * analytics events ({@code _AnalyticsEvent}). Clients never
 * reach these classes through here (their routes check the master key, and the pipelines refuse
 * them to clients); this is how the server's features read and write them without a second path
 * into the store.
 */
@ApplicationScoped
public class SystemStore {
    private static final String CONFIG = "_GlobalConfig";
    private static final String IDEMPOTENCY = "_Idempotency";
    private static final String JOB_STATUS = "_JobStatus";
    private static final String JOB_SCHEDULE = "_JobSchedule";
    private static final String HOOKS = "_Hooks";
    private static final String ANALYTICS = "_AnalyticsEvent";
    private static final String PUSH_STATUS = "_PushStatus";
    private static final String PUSH_PROGRESS = "_PushProgress";
    private static final String AUDIENCE = "_Audience";
    private static final String INSTALLATION = "_Installation";
    private static final Map<String, Object> CONFIG_ID = Map.of("objectId", "1");

    private StorageAdapter storage;
    private SchemaController schemas;

    protected SystemStore() {}

    @Inject
    public SystemStore(StorageAdapter storage, SchemaController schemas) {
        this.storage = storage;
        this.schemas = schemas;
    }

    // ---- _GlobalConfig: one object, id "1", as Parse Server keeps it ----

    /** The stored config object (params, masterKeyOnly), if one was ever saved. */
    public Optional<Map<String, Object>> globalConfig() {
        List<Map<String, Object>> found = storage.find(CONFIG, internal(CONFIG), CONFIG_ID, QueryOptions.limit(1));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Applies field changes and operations (e.g. {@code params.x}) to the config object, creating it if needed. */
    public void updateGlobalConfig(Map<String, Object> update) {
        storage.upsertOneObject(CONFIG, internal(CONFIG), CONFIG_ID, update);
    }

    // ---- _Idempotency ----

    /** Records a request id; false when it was recorded before (the unique index on reqId decides). */
    public boolean recordRequest(Map<String, Object> record) {
        try {
            storage.createObject(IDEMPOTENCY, internal(IDEMPOTENCY), record);
            return true;
        } catch (ParseException e) {
            if (e.code() == ParseError.DUPLICATE_VALUE) {
                return false;
            }
            throw e;
        }
    }

    // ---- _JobStatus ----

    public void createJobStatus(Map<String, Object> status) {
        storage.createObject(JOB_STATUS, schemas.schemaOrEmpty(JOB_STATUS), status);
    }

    public void updateJobStatus(String objectId, Map<String, Object> changes) {
        storage.updateObjectsByQuery(
                JOB_STATUS, schemas.schemaOrEmpty(JOB_STATUS), Map.of("objectId", objectId), changes);
    }

    // ---- _JobSchedule ----

    public List<Map<String, Object>> jobSchedules() {
        return storage.find(JOB_SCHEDULE, schemas.schemaOrEmpty(JOB_SCHEDULE), Map.of(), QueryOptions.all());
    }

    /**
     * Claims one run of a schedule: sets lastRun to the slot only if it is still what this server
     * read, so of several servers exactly one claims each slot. True for the one that did.
     */
    public boolean claimScheduledRun(String objectId, Object lastRunRead, long slotMillis) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        where.put("lastRun", lastRunRead == null ? Map.of("$exists", false) : lastRunRead);
        return storage.findOneAndUpdate(
                        JOB_SCHEDULE, schemas.schemaOrEmpty(JOB_SCHEDULE), where, Map.of("lastRun", slotMillis))
                != null;
    }

    // ---- _Hooks ----

    public List<Map<String, Object>> hooks() {
        return storage.find(HOOKS, schemas.schemaOrEmpty(HOOKS), Map.of(), QueryOptions.all());
    }

    public void createHook(Map<String, Object> stored) {
        storage.createObject(HOOKS, schemas.schemaOrEmpty(HOOKS), stored);
    }

    public void updateHooks(Map<String, Object> where, Map<String, Object> changes) {
        storage.updateObjectsByQuery(HOOKS, schemas.schemaOrEmpty(HOOKS), where, changes);
    }

    /** 101 when no hook matched, as in Parse Server. */
    public void deleteHooks(Map<String, Object> where) {
        storage.deleteObjectsByQuery(HOOKS, schemas.schemaOrEmpty(HOOKS), where);
    }

    // ---- _AnalyticsEvent: the default analytics adapter's events ----

    /** Stores one analytics event (its name, UTC day, time, dimensions, installation). */
    public void recordAnalyticsEvent(Map<String, Object> event) {
        storage.createObject(ANALYTICS, internal(ANALYTICS), event);
    }

    /** How many analytics events of each name were stored for this day (as "yyyy-mm-dd"). */
    public Map<String, Long> analyticsCountsOn(String day) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object name : storage.distinct(ANALYTICS, internal(ANALYTICS), Map.of("day", day), "name")) {
            Map<String, Object> where = Map.of("day", day, "name", name);
            counts.put(String.valueOf(name), storage.count(ANALYTICS, internal(ANALYTICS), where, null));
        }
        return counts;
    }

    // ---- _PushStatus, and how far each push got (_PushProgress, ours: Parse keeps no such thing) ----

    public void createPushStatus(Map<String, Object> status) {
        storage.createObject(PUSH_STATUS, schemas.schemaOrEmpty(PUSH_STATUS), status);
    }

    public Optional<Map<String, Object>> pushStatus(String objectId) {
        List<Map<String, Object>> found = storage.find(
                PUSH_STATUS, schemas.schemaOrEmpty(PUSH_STATUS), Map.of("objectId", objectId), QueryOptions.limit(1));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The pushes in one state ("scheduled", "pending", "running"): few at any time, so read at once. */
    public List<Map<String, Object>> pushStatuses(String status) {
        return storage.find(
                PUSH_STATUS, schemas.schemaOrEmpty(PUSH_STATUS), Map.of("status", status), QueryOptions.all());
    }

    public void updatePushStatus(String objectId, Map<String, Object> changes) {
        storage.updateObjectsByQuery(
                PUSH_STATUS, schemas.schemaOrEmpty(PUSH_STATUS), Map.of("objectId", objectId), changes);
    }

    /**
     * Moves a push from one state to the next only if it is still in the first: of several servers
     * exactly one wins. True for the one that did.
     */
    public boolean claimPushStatus(String objectId, String fromStatus, Map<String, Object> changes) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        where.put("status", fromStatus);
        return storage.findOneAndUpdate(PUSH_STATUS, schemas.schemaOrEmpty(PUSH_STATUS), where, changes) != null;
    }

    public Optional<Map<String, Object>> pushProgress(String objectId) {
        List<Map<String, Object>> found = storage.find(
                PUSH_PROGRESS, internal(PUSH_PROGRESS), Map.of("objectId", objectId), QueryOptions.limit(1));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Records a push's progress (creating its record the first time). */
    public void savePushProgress(String objectId, Map<String, Object> fields) {
        storage.upsertOneObject(PUSH_PROGRESS, internal(PUSH_PROGRESS), Map.of("objectId", objectId), fields);
    }

    /**
     * Takes over an interrupted push: sets its lease only if it is still the lease this server read
     * (an epoch-millisecond number), so one server resumes it. True for the one that did.
     */
    public boolean claimPushLease(String objectId, long leaseRead, long newLease) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        where.put("lease", leaseRead);
        return storage.findOneAndUpdate(PUSH_PROGRESS, internal(PUSH_PROGRESS), where, Map.of("lease", newLease))
                != null;
    }

    public void deletePushProgress(String objectId) {
        try {
            storage.deleteObjectsByQuery(PUSH_PROGRESS, internal(PUSH_PROGRESS), Map.of("objectId", objectId));
        } catch (ParseException e) {
            if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** A push's change to the badge of the installations it reaches (a value or an Increment). */
    public void updateInstallationBadges(List<String> objectIds, Object badge) {
        storage.updateObjectsByQuery(
                INSTALLATION,
                schemas.schemaOrEmpty(INSTALLATION),
                Map.of("objectId", Map.of("$in", objectIds)),
                Map.of("badge", badge, "updatedAt", ObjectIds.now()));
    }

    /** A push sent to an audience: its lastUsed and timesUsed, as Parse Server counts them. */
    public void audienceUsed(String objectId) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("lastUsed", ObjectIds.date(Instant.now()));
        changes.put("timesUsed", Map.of("__op", "Increment", "amount", 1));
        storage.updateObjectsByQuery(AUDIENCE, schemas.schemaOrEmpty(AUDIENCE), Map.of("objectId", objectId), changes);
    }

    // ---- expiry ----

    /** Deletes the records of an internal class (_Session, _Idempotency) whose date field is before now. */
    public void deleteExpired(String className, String dateField, Instant now) {
        ClassSchema schema = schemas.find(className).orElse(SchemaController.emptySchema(className));
        try {
            storage.deleteObjectsByQuery(className, schema, Map.of(dateField, Map.of("$lt", ObjectIds.date(now))));
        } catch (ParseException e) {
            if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                throw e; // none expired is not an error
            }
        }
    }

    /** The config and request ids have no schema of their own: their documents are stored as they are. */
    private static ClassSchema internal(String className) {
        return SchemaController.emptySchema(className);
    }
}
