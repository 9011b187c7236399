package dev.jakartaparse.livequery;

import dev.jakartaparse.cloud.ConnectRequest;
import dev.jakartaparse.cloud.LiveQueryEventRequest;
import dev.jakartaparse.cloud.SubscribeRequest;
import dev.jakartaparse.cloud.runtime.CloudCode;
import dev.jakartaparse.cloud.runtime.CloudCodeExtension.Kind;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.ComplexityLimits;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.query.QueryMatcher;
import dev.jakartaparse.core.query.RegexLimit;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.security.ReadGuard;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.core.spi.SpecialClasses;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.Client;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The LiveQuery server: the protocol's operations (connect, subscribe, update, unsubscribe) for
 * each WebSocket connection, and the fan-out of each save or delete that arrives on the bus to
 * the subscriptions it matches, for each subscriber only what its own session may read.
 */
@ApplicationScoped
public class LiveQueryServer {
    private static final Logger LOG = Logger.getLogger(LiveQueryServer.class.getName());
    /** A connection with more subscriptions than this is refusing to behave; protects memory. */
    static final int MAX_SUBSCRIPTIONS_PER_CONNECTION = 1000;
    /** Frames (in characters) a client may leave unread before it is disconnected. */
    static final long MAX_UNSENT_CHARS = 4L * 1024 * 1024;

    private static final Auth ANONYMOUS = Auth.anonymous(null);
    /** Connections are pinged in this many groups, one group per websocketTimeout / PING_SLOTS. */
    private static final int PING_SLOTS = 20;

    @Inject
    ParseConfig config;

    @Inject
    SessionTokens sessions;

    @Inject
    SchemaController schemas;

    @Inject
    ObjectQuery reads;

    @Inject
    ReadGuard guard;

    @Inject
    SpecialClasses special;

    @Inject
    EventBus bus;

    @Inject
    CurrentObjects currentObjects;

    @Inject
    CloudCode cloud;

    @Resource
    ManagedThreadFactory managedThreads;

    /** className -> query hash -> subscription. */
    private final Map<String, Map<String, Subscription>> subscriptions = new ConcurrentHashMap<>();

    private final Set<LiveQueryConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openedConnections = new AtomicInteger();
    /** The pinger's next slot (only its thread uses it). */
    private int pingTick;

    private final SessionAuthCache auths = new SessionAuthCache(5_000);
    // The executors' threads come from the container's managed thread factory (startThreads).
    private ExecutorService sendOverflow;

    /**
     * The fan-out threads, one per core: each delivers every event to the connections of its own
     * shard, so a client's events keep their order while the cores share the sending.
     */
    private ExecutorService[] shards;

    private ScheduledExecutorService pinger;

    @PostConstruct
    void createThreads() {
        startThreads(managedThreads);
    }

    /** Creates the executors, their threads from threads (the managed thread factory; any factory in unit tests). */
    void startThreads(ThreadFactory threads) {
        sendOverflow = Executors.newFixedThreadPool(2, LiveQueryThreads.named(threads, "livequery-send"));
        shards = newShards(Runtime.getRuntime().availableProcessors(), threads);
        pinger = Executors.newSingleThreadScheduledExecutor(LiveQueryThreads.named(threads, "livequery-ping"));
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        bus.listen(this::onBusMessage);
        // Every websocketTimeout, each connection is pinged; one that has not answered the previous ping is closed.
        // One slot of connections per tick: thousands of pings and pongs at once would delay events by a second.
        long tick = Math.max(1, config.liveQuery().websocketTimeoutMillis() / PING_SLOTS);
        pinger.scheduleWithFixedDelay(this::pingNextSlot, tick, tick, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        List<ExecutorService> executors = new ArrayList<>(List.of(shards));
        executors.add(pinger);
        executors.add(sendOverflow);
        LiveQueryThreads.stop(executors.toArray(ExecutorService[]::new));
    }

    /** Frees what clients that vanished without closing (a dead network, a killed device) still hold. */
    private void pingNextSlot() {
        int slot = pingTick;
        pingTick = (pingTick + 1) % PING_SLOTS;
        for (LiveQueryConnection c : connections) {
            if (c.pingSlot != slot) {
                continue;
            }
            if (!c.pingAnswered()) {
                sendOverflow.execute(() -> {
                    try {
                        c.session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "No answer to ping"));
                    } catch (IOException | RuntimeException e) {
                        close(c);
                    }
                });
            } else {
                c.ping();
            }
        }
    }

    // ---- connections ----

    LiveQueryConnection open(Session session, HandshakeClients.HandshakeClient client) {
        int number = openedConnections.getAndIncrement();
        LiveQueryConnection c = new LiveQueryConnection(
                session,
                client,
                new Outbox(session, MAX_UNSENT_CHARS, sendOverflow),
                Math.floorMod(number, PING_SLOTS),
                Math.floorMod(number, shards.length));
        connections.add(c);
        return c;
    }

    void close(LiveQueryConnection c) {
        connections.remove(c);
        c.outbox.discard();
        dropSubscriptions(c);
    }

    private void dropSubscriptions(LiveQueryConnection c) {
        for (Subscriber s : List.copyOf(c.subscribers.values())) {
            remove(s);
        }
        c.subscribers.clear();
    }

    /** Parse Server does not decode binary frames: it finds no op in them, and says so. */
    void onBinary(LiveQueryConnection c) {
        c.send(Frames.error(1, "Missing required property: op", true, null));
    }

    @SuppressWarnings("unchecked")
    void onMessage(LiveQueryConnection c, String text) {
        Object frame;
        try {
            frame = Json.parse(text);
        } catch (ParseException e) {
            c.send(Frames.error(1, "Invalid JSON", false, null));
            return;
        }
        String invalid = FrameValidator.validate(frame);
        if (invalid != null) {
            c.send(Frames.error(1, invalid, true, null));
            return;
        }
        Map<String, Object> request = (Map<String, Object>) frame;
        switch ((String) request.get("op")) {
            case "connect" -> connect(c, request);
            case "subscribe" -> subscribe(c, request);
            case "query" -> query(c, request);
            case "update" -> {
                unsubscribe(c, request, false);
                subscribe(c, request);
            }
            default -> unsubscribe(c, request, true);
        }
    }

    private void connect(LiveQueryConnection c, Map<String, Object> request) {
        if (!validKeys(request)) {
            c.send(Frames.error(4, "Key in request is not valid", true, null));
            return;
        }
        String token = (String) request.get("sessionToken");
        String installationId = (String) request.get("installationId");
        Auth keyAuth = keyAuth(request.get("masterKey"), installationId);
        if (keyAuth != null && !c.masterKeyAllowed()) {
            // As REST refuses the request; in LiveQuery, with Parse Server's answer to keys it does not accept.
            LOG.severe("LiveQuery connect using master key rejected as the client IP address '" + c.ip()
                    + "' is not set in Parse Server option 'masterKeyIps'.");
            c.send(Frames.error(4, "Key in request is not valid", true, null));
            return;
        }
        boolean master = keyAuth != null && keyAuth.master();
        if (cloud.has(Kind.BEFORE_CONNECT, Kind.BEFORE_CONNECT.label())) {
            Auth auth = keyAuth != null ? keyAuth : authOfToken(token);
            try {
                cloud.runAppTrigger(
                        Kind.BEFORE_CONNECT,
                        new ConnectRequest(
                                auth.userId(), master, installationId, token, connections.size(), subscriptionCount()));
            } catch (ParseException e) {
                c.send(Frames.error(e.code(), e.clientMessage(config.enableSanitizedErrorResponse()), false, null));
                return;
            }
        }
        if (c.isConnected()) {
            // A second connect starts over: the earlier client and its subscriptions are gone.
            dropSubscriptions(c);
        }
        c.connected(UUID.randomUUID().toString(), keyAuth, token, installationId);
        c.send(Frames.connected(c.clientId(), c.installationId()));
    }

    /**
     * The access a master key in a connect gives: all of it for the master key; reading all for
     * the read-only master key (never the master flag Cloud Code sees); none for anything else.
     */
    private Auth keyAuth(Object key, String installationId) {
        if (key == null) {
            return null;
        }
        if (key.equals(config.masterKey())) {
            return Auth.masterKey(installationId);
        }
        if (key.equals(config.readOnlyMasterKey())) {
            return Auth.readOnlyMasterKey(installationId);
        }
        return null;
    }

    /** keyPairs when configured (any one pair must match, as in Parse Server); else the application id. */
    private boolean validKeys(Map<String, Object> request) {
        Map<String, String> pairs = config.liveQuery().keyPairs();
        if (pairs.isEmpty()) {
            return config.appId().equals(request.get("applicationId"));
        }
        return pairs.entrySet().stream().anyMatch(p -> p.getValue().equals(request.get(p.getKey())));
    }

    @SuppressWarnings("unchecked")
    private void subscribe(LiveQueryConnection c, Map<String, Object> request) {
        if (!c.isConnected()) {
            c.send(Frames.error(
                    2, "Can not find this client, make sure you connect to server before subscribing", true, null));
            return;
        }
        Object requestId = request.get("requestId");
        try {
            Map<String, Object> query = (Map<String, Object>) request.get("query");
            String className = (String) query.get("className");
            Map<String, Object> where = ObjectQuery.deepCopy((Map<String, Object>) query.get("where"));
            List<String> keys = (List<String>) query.get("keys");
            List<String> watch = (List<String>) query.get("watch");
            String ownToken = (String) request.get("sessionToken");
            Auth auth = authOf(c, ownToken);

            ClassRules rules = special.of(className);
            guard.checkClassAccess(className, "find", auth, rules);
            if (cloud.has(Kind.BEFORE_SUBSCRIBE, className)) {
                List<String> keyList = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
                cloud.runTrigger(
                        Kind.BEFORE_SUBSCRIBE,
                        className,
                        new SubscribeRequest(
                                className,
                                where,
                                keyList,
                                auth.userId(),
                                auth.master(),
                                c.installationId(),
                                auth.sessionToken()));
                keys = keyList.isEmpty() ? null : List.copyOf(keyList);
            }
            guard.checkSubscription(className, schemas.find(className), where, watch, auth, rules);
            validateWhere(where);
            if (!auth.canReadEverything()) {
                ComplexityLimits.checkWhere(where, config.requestComplexity());
            }
            var compiled = QueryMatcher.compile(
                    where, RegexLimit.eachMatch(config.liveQuery().regexTimeoutMillis()));

            String key = Json.writeString(requestId);
            Subscriber previous = c.subscribers.get(key);
            if (previous != null) {
                remove(previous);
            } else if (c.subscribers.size() >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
                throw new ParseException(
                        ParseError.OTHER_CAUSE,
                        "Too many subscriptions on one connection (at most " + MAX_SUBSCRIPTIONS_PER_CONNECTION + ")");
            }
            String hash = Json.writeString(where);
            Subscriber[] added = new Subscriber[1];
            List<String> selected = keys;
            subscriptions.compute(className, (cls, byHash) -> {
                Map<String, Subscription> m = byHash == null ? new ConcurrentHashMap<>() : byHash;
                m.compute(hash, (h, existing) -> {
                    Subscription s = existing != null
                            ? existing
                            : new Subscription(className, hash, where, compiled, shards.length);
                    added[0] = new Subscriber(c, requestId, s, selected, watch, ownToken);
                    s.add(added[0]);
                    return s;
                });
                return m;
            });
            c.subscribers.put(key, added[0]);
            c.send(Frames.subscription("subscribed", c.clientId(), c.installationId(), requestId));
        } catch (ParseException e) {
            c.send(Frames.error(e.code(), e.clientMessage(config.enableSanitizedErrorResponse()), false, requestId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "LiveQuery subscribe failed", e);
            c.send(Frames.error(ParseError.INTERNAL_SERVER_ERROR, "Internal server error.", false, requestId));
        }
    }

    private void unsubscribe(LiveQueryConnection c, Map<String, Object> request, boolean notify) {
        if (!c.isConnected()) {
            c.send(Frames.error(
                    2, "Can not find this client, make sure you connect to server before unsubscribing", true, null));
            return;
        }
        Object requestId = request.get("requestId");
        Subscriber s = c.subscribers.remove(Json.writeString(requestId));
        if (s == null) {
            c.send(Frames.error(
                    2,
                    "Cannot find subscription with clientId " + c.clientId() + " subscriptionId "
                            + Json.writeString(requestId)
                            + ". Make sure you subscribe to live query server before unsubscribing.",
                    true,
                    null));
            return;
        }
        remove(s);
        if (notify) {
            c.send(Frames.subscription("unsubscribed", c.clientId(), c.installationId(), requestId));
        }
    }

    /**
     * The query operation (the JS SDK's subscription.find()): the subscription's current matching
     * objects, read as a REST find by the same caller (its token or master key) with the
     * subscription's where and keys, so the read pipeline's checks and triggers all apply.
     */
    private void query(LiveQueryConnection c, Map<String, Object> request) {
        if (!c.isConnected()) {
            c.send(Frames.error(
                    2, "Can not find this client, make sure you connect to server before querying", true, null));
            return;
        }
        Object requestId = request.get("requestId");
        Subscriber s = c.subscribers.get(Json.writeString(requestId));
        if (s == null) {
            c.send(Frames.error(
                    2, "Subscription not found for requestId " + Json.writeString(requestId), false, requestId));
            return;
        }
        try {
            Auth auth = authForQuery(c, s.sessionToken() != null ? s.sessionToken() : c.sessionToken());
            c.send(Frames.result(c.idFields(), s.requestIdJson(), currentObjects.find(s, auth, clientOf(c))));
        } catch (ParseException e) {
            c.send(Frames.error(e.code(), e.clientMessage(config.enableSanitizedErrorResponse()), false, requestId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "LiveQuery query failed", e);
            c.send(Frames.error(ParseError.INTERNAL_SERVER_ERROR, "Internal server error.", false, requestId));
        }
    }

    /** The client behind a connection, as Cloud Code's triggers see it (no HTTP headers on a WebSocket frame). */
    private static Client clientOf(LiveQueryConnection c) {
        return new Client(c.ip(), Map.of());
    }

    /** As a REST request would be: an invalid session token is an error, not an anonymous caller. */
    private Auth authForQuery(LiveQueryConnection c, String token) {
        if (c.keyAuth() != null) {
            return c.keyAuth();
        }
        if (token == null) {
            return Auth.anonymous(c.installationId());
        }
        Auth auth = authOfToken(token);
        if (auth == ANONYMOUS) {
            throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        return auth;
    }

    private void remove(Subscriber s) {
        Subscription sub = s.subscription();
        subscriptions.computeIfPresent(sub.className, (cls, byHash) -> {
            byHash.computeIfPresent(sub.hash, (h, existing) -> {
                existing.remove(s);
                return existing.size() == 0 ? null : existing;
            });
            return byHash.isEmpty() ? null : byHash;
        });
    }

    /** Parse Server's own checks and messages for $or/$and/$nor and $regex, before the query is compiled. */
    private static void validateWhere(Object where) {
        if (!(where instanceof Map<?, ?> w)) {
            return;
        }
        for (String op : List.of("$or", "$and", "$nor")) {
            if (w.containsKey(op)) {
                if (!(w.get(op) instanceof List<?> branches)) {
                    throw new ParseException(ParseError.INVALID_QUERY, op + " must be an array");
                }
                branches.forEach(LiveQueryServer::validateWhere);
            }
        }
        for (Object constraint : w.values()) {
            if (constraint instanceof Map<?, ?> c && c.containsKey("$regex")) {
                if (!(c.get("$regex") instanceof String regex)) {
                    throw new ParseException(
                            ParseError.INVALID_QUERY, "Invalid regular expression: $regex must be a string or RegExp");
                }
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    throw new ParseException(
                            ParseError.INVALID_QUERY, "Invalid regular expression: " + e.getDescription());
                }
            }
        }
    }

    // ---- events ----

    private void onBusMessage(String kind, String message) {
        if (EventBus.CLEAR_CACHE.equals(kind)) {
            auths.clear();
            return;
        }
        if (!EventBus.AFTER_SAVE.equals(kind) && !EventBus.AFTER_DELETE.equals(kind)) {
            return;
        }
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(message);
        @SuppressWarnings("unchecked")
        Map<String, Object> current = (Map<String, Object>) parsed.get("currentParseObject");
        @SuppressWarnings("unchecked")
        Map<String, Object> original = (Map<String, Object>) parsed.get("originalParseObject");
        if (current != null
                && current.get("className") instanceof String className
                && subscriptions.containsKey(className)) {
            boolean deleted = EventBus.AFTER_DELETE.equals(kind);
            for (int i = 0; i < shards.length; i++) {
                int shard = i;
                shards[i].execute(() -> {
                    try {
                        dispatch(shard, className, current, original, deleted);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "LiveQuery delivery failed", e);
                    }
                });
            }
        }
    }

    /** Delivers one event to the subscribers whose connections are in shard. */
    private void dispatch(
            int shard, String className, Map<String, Object> current, Map<String, Object> original, boolean deleted) {
        Map<String, Subscription> byHash = subscriptions.get(className);
        if (byHash == null || byHash.isEmpty()) {
            return;
        }
        ClassSchema schema = schemas.find(className).orElse(null);
        ClassRules rules = special.of(className);
        EventViews views = new EventViews(
                reads, schema, className, config.serverURL(), cloud.has(Kind.AFTER_LIVE_QUERY_EVENT, className));
        for (Subscription sub : byHash.values()) {
            boolean before;
            boolean after;
            try {
                before = !deleted && sub.matches(original);
                after = sub.matches(current);
            } catch (RuntimeException e) {
                continue; // a query this object cannot be matched against (Parse logs and skips too)
            }
            if (!before && !after) {
                continue;
            }
            for (Subscriber s : sub.inShard(shard)) {
                try {
                    if (deleted) {
                        deliverDelete(s, schema, rules, current, views);
                    } else {
                        deliverSave(s, schema, rules, current, original, before, after, views);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "LiveQuery event not delivered", e);
                }
            }
        }
    }

    private void deliverSave(
            Subscriber s,
            ClassSchema schema,
            ClassRules rules,
            Map<String, Object> current,
            Map<String, Object> original,
            boolean matchedBefore,
            boolean matchedAfter,
            EventViews views) {
        Auth auth = authOf(s.connection(), s.sessionToken());
        if (!guard.permits(schema, s.subscription().operation, current, auth, rules)) {
            return;
        }
        boolean visibleBefore = matchedBefore && guard.aclAllows(original, auth);
        boolean visibleAfter = matchedAfter && guard.aclAllows(current, auth);
        String kind = EventRules.kind(visibleBefore, visibleAfter, original == null);
        if (kind == null) {
            return;
        }
        if (("update".equals(kind) || "create".equals(kind))
                && !EventRules.watchedFieldChanged(s.watch(), current, original)) {
            return;
        }
        Map<String, Object> object = current;
        Map<String, Object> before = original;
        if ("leave".equals(kind) && (matchedAfter || !guard.aclAllows(current, auth))) {
            // It left because the caller lost read access: it sees only the last state it could read.
            object = original;
        } else if ("enter".equals(kind) && (matchedBefore || !guard.aclAllows(original, auth))) {
            // It entered because the caller gained read access: the earlier state stays unseen.
            before = null;
        }
        send(s, auth, kind, object, before, views);
    }

    private void deliverDelete(
            Subscriber s, ClassSchema schema, ClassRules rules, Map<String, Object> object, EventViews views) {
        Auth auth = authOf(s.connection(), s.sessionToken());
        if (!guard.mayRead(schema, s.subscription().operation, object, auth, rules)) {
            return;
        }
        send(s, auth, "delete", object, null, views);
    }

    /** Sends one event, after the class's afterLiveQueryEvent hook (if any) had its say for this subscriber. */
    private void send(
            Subscriber s,
            Auth auth,
            String kind,
            Map<String, Object> object,
            Map<String, Object> before,
            EventViews views) {
        LiveQueryConnection c = s.connection();
        String className = s.subscription().className;
        String objectJson;
        String beforeJson;
        if (views.afterEventHook) {
            LiveQueryEventRequest request = new LiveQueryEventRequest(
                    kind,
                    className,
                    ObjectQuery.deepCopy(object),
                    before == null ? null : ObjectQuery.deepCopy(before),
                    auth.userId(),
                    auth.master(),
                    c.installationId());
            try {
                cloud.runTrigger(Kind.AFTER_LIVE_QUERY_EVENT, className, request);
            } catch (ParseException e) {
                c.send(Frames.error(
                        e.code(), e.clientMessage(config.enableSanitizedErrorResponse()), false, s.requestId()));
                return;
            }
            if (!request.sendEvent()) {
                return;
            }
            objectJson = views.render(request.object(), auth, s.keys());
            beforeJson = request.original() == null ? null : views.render(request.original(), auth, s.keys());
        } else {
            objectJson = views.json(object, auth, s.keys());
            beforeJson = before == null ? null : views.json(before, auth, s.keys());
        }
        c.send(Frames.event(kind, c.idFields(), s.requestIdJson(), objectJson, beforeJson));
    }

    /**
     * Whose rights a subscription has: the master key's when the connection gave it; otherwise the
     * subscription's own session token, else the connection's; an invalid token counts as none.
     */
    private Auth authOf(LiveQueryConnection c, String ownToken) {
        if (c.keyAuth() != null) {
            return c.keyAuth();
        }
        return authOfToken(ownToken != null ? ownToken : c.sessionToken());
    }

    /** The user of a session token (cached a few seconds); anonymous when there is none or it is invalid. */
    private Auth authOfToken(String token) {
        if (token == null) {
            return ANONYMOUS;
        }
        Auth auth = auths.get(token, t -> {
            try {
                return sessions.authenticate(t, null);
            } catch (ParseException e) {
                return null;
            }
        });
        return auth != null ? auth : ANONYMOUS;
    }

    /** Serialized views of the event's objects, computed once per kind of viewer and reused for every frame. */
    static final class EventViews {
        private final ObjectQuery reads;
        private final ClassSchema schema;
        private final String className;
        private final String mountUrl;
        private final Map<Map<String, Object>, Map<String, String>> cache = new IdentityHashMap<>();
        /** Whether the class has an afterLiveQueryEvent hook, which sees (and may change) each subscriber's event. */
        final boolean afterEventHook;

        EventViews(ObjectQuery reads, ClassSchema schema, String className, String mountUrl, boolean afterEventHook) {
            this.afterEventHook = afterEventHook;
            this.reads = reads;
            this.schema = schema;
            this.className = className;
            this.mountUrl = mountUrl;
        }

        /** Uncached: for objects a Cloud Code hook prepared for one subscriber. */
        String render(Map<String, Object> object, Auth auth, List<String> keys) {
            return Json.writeString(view(object, auth, keys));
        }

        String json(Map<String, Object> object, Auth auth, List<String> keys) {
            String viewer =
                    auth.canReadEverything() ? "\u0000master" : auth.hasUser() ? auth.userId() : "\u0000anonymous";
            String cacheKey = keys == null ? viewer : viewer + "\u0000" + String.join(",", keys);
            return cache.computeIfAbsent(object, o -> new LinkedHashMap<>())
                    .computeIfAbsent(cacheKey, k -> Json.writeString(view(object, auth, keys)));
        }

        private Map<String, Object> view(Map<String, Object> object, Auth auth, List<String> keys) {
            Map<String, Object> visible =
                    schema == null ? new LinkedHashMap<>(object) : reads.visibleCopy(schema, object, auth, mountUrl);
            visible.put("className", className);
            if (keys == null) {
                return visible;
            }
            Map<String, Object> limited = new LinkedHashMap<>();
            for (String field : List.of("className", "objectId", "updatedAt", "createdAt", "ACL")) {
                if (visible.containsKey(field)) {
                    limited.put(field, visible.get(field));
                }
            }
            for (String field : keys) {
                if (visible.containsKey(field)) {
                    limited.put(field, visible.get(field));
                }
            }
            return limited;
        }
    }

    private static ExecutorService[] newShards(int count, ThreadFactory threads) {
        ExecutorService[] shards = new ExecutorService[Math.max(1, count)];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = Executors.newSingleThreadExecutor(LiveQueryThreads.named(threads, "livequery-fanout-" + i));
        }
        return shards;
    }

    private int subscriptionCount() {
        int n = 0;
        for (Map<String, Subscription> byHash : subscriptions.values()) {
            for (Subscription sub : byHash.values()) {
                n += sub.size();
            }
        }
        return n;
    }
}
