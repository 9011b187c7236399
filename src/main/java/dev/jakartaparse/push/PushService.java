package dev.jakartaparse.push;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /push}: checks the whole request first (so nothing is stored for a bad one), records
 * the push in _PushStatus as Parse Server does ("pending", or "scheduled" with a push_time when
 * scheduledPush is on) and starts sending it in the background. Answers the _PushStatus objectId.
 */
@ApplicationScoped
public class PushService {
    private static final Logger LOG = Logger.getLogger(PushService.class.getName());
    /** What FCM and APNs accept in one notification. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    private static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

    @Inject
    PushAdapters adapters;

    @Inject
    PushSender sender;

    @Inject
    PushDispatcher dispatcher;

    @Inject
    SystemStore store;

    /** Accepts a push; returns its _PushStatus objectId. */
    public String send(Map<String, Object> body) {
        Map<String, Object> where = PushBody.audience(body);
        if (!adapters.pushSupported()) {
            throw new ParseException(ParseError.PUSH_MISCONFIGURED, "Missing push configuration");
        }
        boolean scheduling = adapters.scheduledPushSupported();
        Instant now = Instant.now();
        PushBody push = PushBody.parse(body, where, scheduling, now);
        checkDeviceTypes(where, adapters.deviceTypes());
        String payload = Json.writeString(push.data());
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new ParseException(
                    ParseError.PUSH_MISCONFIGURED,
                    "The push payload is " + size + " bytes; at most " + MAX_PAYLOAD_BYTES + " are allowed.");
        }
        sender.countAudience(where); // a malformed where is refused now, with the query's own error

        String objectId = ObjectIds.newObjectId();
        store.createPushStatus(initialStatus(objectId, body, push, where, payload, now));
        if (body.get("audience_id") instanceof String audienceId) {
            try {
                store.audienceUsed(audienceId);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not count the use of audience " + audienceId, e);
            }
        }
        if (push.pushTime() == null) {
            dispatcher.start(objectId);
        }
        return objectId;
    }

    /** _PushStatus as Parse's pushStatusHandler.setInitial writes it. */
    private static Map<String, Object> initialStatus(
            String objectId,
            Map<String, Object> body,
            PushBody push,
            Map<String, Object> where,
            String payload,
            Instant now) {
        Map<String, Object> status = new LinkedHashMap<>();
        String created = ObjectIds.iso(now);
        status.put("objectId", objectId);
        status.put("createdAt", created);
        status.put("updatedAt", created);
        status.put(
                "pushTime", push.pushTime() == null ? created : push.pushTime().stored());
        status.put("query", Json.writeString(where));
        status.put("payload", payload);
        status.put("source", "rest");
        if (push.expiry() != null) {
            status.put("expiry", push.expiry());
        }
        if (push.expirationInterval() != null) {
            status.put("expiration_interval", push.expirationInterval());
        }
        status.put("status", push.pushTime() == null ? "pending" : "scheduled");
        status.put("numSent", 0);
        status.put("pushHash", pushHash(push.data().get("alert")));
        status.put("ACL", new LinkedHashMap<>());
        return status;
    }

    /** Parse's utils.validatePushType: a deviceType named in the where must have an adapter. */
    @SuppressWarnings("unchecked")
    static void checkDeviceTypes(Map<String, Object> where, Set<String> served) {
        Object field = where.get("deviceType");
        List<Object> named = field instanceof String s
                ? List.of(s)
                : field instanceof Map<?, ?> m && ((Map<String, Object>) m).get("$in") instanceof List<?> l
                        ? (List<Object>) l
                        : List.of();
        for (Object type : named) {
            if (!served.contains(String.valueOf(type))) {
                throw new ParseException(ParseError.PUSH_MISCONFIGURED, type + " is not supported push type.");
            }
        }
    }

    static String pushHash(Object alert) {
        String text = alert instanceof String s ? s : alert instanceof Map<?, ?> ? Json.writeString(alert) : null;
        if (text == null) {
            return EMPTY_MD5;
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
