package dev.jakartaparse.push;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;
import dev.jakartaparse.push.spi.PushAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one push: reads the matching installations (only those with a deviceToken) a page at a
 * time in objectId order through the read pipeline, records the page as done before handing it on
 * (so a resumed push never reaches an installation twice), applies the push's badge change to the
 * page, groups it by deviceType, language and badge, hands each group to its adapter, and keeps
 * _PushStatus's counts as Parse Server keeps them.
 */
@ApplicationScoped
public class PushSender {
    private static final Logger LOG = Logger.getLogger(PushSender.class.getName());
    static final int PAGE_SIZE = 1000;
    /** How long a server may go without progress before another takes its push over. */
    static final long LEASE_MILLIS = 60_000;

    private static final List<String> DEVICE_KEYS =
            List.of("deviceType", "deviceToken", "pushType", "appIdentifier", "badge", "localeIdentifier", "timeZone");

    @Inject
    ObjectQuery query;

    @Inject
    SystemStore store;

    @Inject
    PushAdapters adapters;

    /** A pending push: takes it (pending to running, with its number of pages) and sends it. */
    public void start(String statusId) {
        Optional<Map<String, Object>> found = store.pushStatus(statusId);
        if (found.isEmpty()) {
            return;
        }
        Map<String, Object> status = found.get();
        try {
            long pages = (countAudience(audienceOf(status)) + PAGE_SIZE - 1) / PAGE_SIZE;
            Map<String, Object> running = new LinkedHashMap<>();
            running.put("status", "running");
            running.put("count", pages);
            running.put("updatedAt", ObjectIds.now());
            if (!store.claimPushStatus(statusId, "pending", running)) {
                return; // another server has it
            }
            status.putAll(running);
            Map<String, Object> progress = progress(0, null, System.currentTimeMillis() + LEASE_MILLIS);
            store.savePushProgress(statusId, progress);
            send(statusId, status, progress);
        } catch (RuntimeException e) {
            fail(statusId, e);
        }
    }

    /** A running push this server has just taken the lease of: continues where it was left. */
    public void resume(String statusId) {
        Optional<Map<String, Object>> status = store.pushStatus(statusId);
        Optional<Map<String, Object>> progress = store.pushProgress(statusId);
        if (status.isEmpty()
                || progress.isEmpty()
                || !"running".equals(status.get().get("status"))) {
            return;
        }
        try {
            send(statusId, status.get(), progress.get());
        } catch (RuntimeException e) {
            fail(statusId, e);
        }
    }

    private void send(String statusId, Map<String, Object> status, Map<String, Object> progress) {
        Map<String, Object> audience = audienceOf(status);
        Map<String, Object> data = Json.parse(String.valueOf(status.get("payload"))) instanceof Map<?, ?> m
                ? castMap(m)
                : new LinkedHashMap<>();
        Long expiry = status.get("expiry") instanceof Number n ? n.longValue() : null;
        Instant expiresAt = expiry == null ? null : Instant.ofEpochMilli(expiry);
        PushBody.BadgeChange badge = PushBody.BadgeChange.of(data.get("badge"));
        List<TimeZoneSlices.Slice> slices =
                TimeZoneSlices.of(PushTime.ofStored(String.valueOf(status.get("pushTime"))));
        PushTally tally = new PushTally(status);
        int slice = progress.get("slice") instanceof Number n ? n.intValue() : 0;
        String cursor = progress.get("cursor") instanceof String s ? s : null;
        while (slice < slices.size()) {
            TimeZoneSlices.Slice part = slices.get(slice);
            if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
                finishExpired(statusId);
                return;
            }
            if (part.dueAt().isAfter(Instant.now())) {
                // the next time zone is not there yet: the timer resumes the push when it is
                store.savePushProgress(
                        statusId, progress(slice, cursor, part.dueAt().toEpochMilli()));
                return;
            }
            while (true) {
                List<Map<String, Object>> page = page(audience, part.condition(), cursor);
                if (page.isEmpty()) {
                    break;
                }
                cursor = (String) page.get(page.size() - 1).get("objectId");
                store.savePushProgress(statusId, progress(slice, cursor, System.currentTimeMillis() + LEASE_MILLIS));
                deliver(statusId, data, badge, expiresAt, page, part.utcOffset(), tally);
                tally.pageDone();
                Map<String, Object> counts = tally.fields();
                counts.put("status", "running");
                counts.put("updatedAt", ObjectIds.now());
                store.updatePushStatus(statusId, counts);
                if (page.size() < PAGE_SIZE) {
                    break;
                }
            }
            slice++;
            cursor = null;
            store.savePushProgress(statusId, progress(slice, null, System.currentTimeMillis() + LEASE_MILLIS));
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("status", "succeeded");
        done.put("count", Map.of("__op", "Delete"));
        done.put("updatedAt", ObjectIds.now());
        store.updatePushStatus(statusId, done);
        store.deletePushProgress(statusId);
    }

    private void deliver(
            String statusId,
            Map<String, Object> data,
            PushBody.BadgeChange badge,
            Instant expiresAt,
            List<Map<String, Object>> page,
            String utcOffset,
            PushTally tally) {
        List<String> ids = page.stream().map(i -> (String) i.get("objectId")).toList();
        if (badge != null) {
            store.updateInstallationBadges(
                    ids, badge.increment() ? Map.of("__op", "Increment", "amount", badge.amount()) : badge.amount());
        }
        List<String> locales = PushPayloads.locales(data);
        Map<List<Object>, List<Device>> groups = new LinkedHashMap<>();
        for (Map<String, Object> installation : page) {
            String locale = PushPayloads.localeOf(stringOf(installation.get("localeIdentifier")), locales);
            Long ownBadge = badge != null && badge.increment()
                    ? (installation.get("badge") instanceof Number n ? n.longValue() : 0) + badge.amount()
                    : null;
            String deviceType = stringOf(installation.get("deviceType"));
            groups.computeIfAbsent(
                            List.of(String.valueOf(deviceType), String.valueOf(locale), String.valueOf(ownBadge)),
                            k -> new ArrayList<>())
                    .add(new Device(
                            (String) installation.get("objectId"),
                            deviceType,
                            stringOf(installation.get("deviceToken")),
                            stringOf(installation.get("pushType")),
                            stringOf(installation.get("appIdentifier"))));
        }
        for (Map.Entry<List<Object>, List<Device>> group : groups.entrySet()) {
            Optional<PushAdapter> adapter =
                    adapters.forDeviceType((String) group.getKey().get(0));
            if (adapter.isEmpty()) {
                continue; // as Parse's adapter: a device type nobody serves is skipped, not counted
            }
            String locale = (String) group.getKey().get(1);
            Map<String, Object> payload = PushPayloads.forLocale(data, "null".equals(locale) ? null : locale);
            String ownBadge = (String) group.getKey().get(2);
            if (!"null".equals(ownBadge)) {
                payload = PushPayloads.withBadge(payload, Long.parseLong(ownBadge));
            }
            tally.add(
                    sendTo(adapter.get(), new Notification(statusId, payload, expiresAt), group.getValue()), utcOffset);
        }
    }

    private static List<Delivery> sendTo(PushAdapter adapter, Notification notification, List<Device> devices) {
        try {
            return adapter.send(notification, devices);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "_PushStatus " + notification.pushId() + ": the push adapter failed a batch", e);
            return devices.stream().map(d -> Delivery.failed(d, e.getMessage())).toList();
        }
    }

    /** The audience's installations that can receive a push. */
    long countAudience(Map<String, Object> audience) {
        FindOptions options =
                new FindOptions(0, 0, List.of(), null, List.of(), List.of(), false, true, null, false, null);
        Object count = query.findWithoutTriggers("_Installation", withToken(audience), options, RequestContext.master())
                .get("count");
        return count instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> page(Map<String, Object> audience, Map<String, Object> condition, String cursor) {
        List<Map<String, Object>> parts = new ArrayList<>();
        parts.add(withToken(audience));
        if (condition != null) {
            parts.add(condition);
        }
        if (cursor != null) {
            parts.add(Map.of("objectId", Map.of("$gt", cursor)));
        }
        Map<String, Object> where = parts.size() == 1 ? parts.get(0) : Map.of("$and", parts);
        FindOptions options = new FindOptions(
                0, PAGE_SIZE, List.of("objectId"), DEVICE_KEYS, List.of(), List.of(), false, false, null, false, null);
        return (List<Map<String, Object>>)
                query.findWithoutTriggers("_Installation", where, options, RequestContext.master())
                        .get("results");
    }

    /** Parse's applyDeviceTokenExists: only installations with a token, unless the query says otherwise. */
    static Map<String, Object> withToken(Map<String, Object> where) {
        Map<String, Object> out = new LinkedHashMap<>(where);
        out.putIfAbsent("deviceToken", Map.of("$exists", true));
        return out;
    }

    static Map<String, Object> audienceOf(Map<String, Object> status) {
        return Json.parse(String.valueOf(status.get("query"))) instanceof Map<?, ?> m
                ? castMap(m)
                : new LinkedHashMap<>();
    }

    private void finishExpired(String statusId) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", "failed");
        changes.put("errorMessage", Map.of("message", "The push expired before it was sent."));
        changes.put("updatedAt", ObjectIds.now());
        store.updatePushStatus(statusId, changes);
        store.deletePushProgress(statusId);
    }

    private void fail(String statusId, RuntimeException e) {
        LOG.log(Level.WARNING, "_PushStatus " + statusId + ": error while sending push", e);
        try {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("status", "failed");
            changes.put("errorMessage", Map.of("message", String.valueOf(e.getMessage())));
            changes.put("updatedAt", ObjectIds.now());
            store.updatePushStatus(statusId, changes);
            store.deletePushProgress(statusId);
        } catch (RuntimeException again) {
            LOG.log(Level.WARNING, "_PushStatus " + statusId + ": could not record the failure", again);
        }
    }

    private static Map<String, Object> progress(int slice, String cursor, long lease) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("slice", slice);
        p.put("cursor", cursor);
        p.put("lease", lease);
        return p;
    }

    private static String stringOf(Object v) {
        return v instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
    }
}
