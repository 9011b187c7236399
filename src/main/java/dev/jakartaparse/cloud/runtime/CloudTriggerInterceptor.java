package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.DeleteRequest;
import dev.jakartaparse.cloud.FindRequest;
import dev.jakartaparse.cloud.SaveRequest;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.core.pipeline.PipelineRequest;
import dev.jakartaparse.core.spi.CloudTriggers;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.Client;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs beforeSave/afterSave and beforeDelete/afterDelete around the write pipeline's create,
 * update and delete: the one place triggers run, whatever the route (REST, batch, users).
 * A beforeSave sees the object as it will be and may change it; what it changes is saved and
 * returned to the client. A before-trigger that throws stops the write before anything happens.
 */
@CloudTriggers
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CloudTriggerInterceptor {
    private static final Set<String> READ_ONLY = Set.of("objectId", "createdAt", "updatedAt");

    @Inject
    CloudCode cloud;

    @Inject
    ObjectQuery query;

    @AroundInvoke
    public Object around(InvocationContext ctx) throws Exception {
        Object request = ctx.getParameters()[0];
        if (request instanceof PipelineRequest.Find q) {
            return find(ctx, q);
        } else if (request instanceof PipelineRequest.Get q) {
            return get(ctx, q);
        } else if (request instanceof PipelineRequest.Create w) {
            return create(ctx, w);
        } else if (request instanceof PipelineRequest.Update w) {
            return update(ctx, w);
        } else if (request instanceof PipelineRequest.Delete w) {
            return delete(ctx, w);
        }
        return ctx.proceed();
    }

    /** beforeFind may change where, afterFind the results. */
    @SuppressWarnings("unchecked")
    private Object find(InvocationContext ctx, PipelineRequest.Find q) throws Exception {
        String className = q.className();
        boolean before = cloud.has(CloudCodeExtension.Kind.BEFORE_FIND, className);
        boolean after = cloud.has(CloudCodeExtension.Kind.AFTER_FIND, className);
        if (!before && !after) {
            return ctx.proceed();
        }
        FindOptions options = q.options();
        Auth auth = q.context().auth();
        Client client = q.context().client();
        boolean countOnly = options.count() && options.limit() == 0;
        if (before) {
            Map<String, Object> where = q.where() == null ? new LinkedHashMap<>() : deepCopy(q.where());
            cloud.runTrigger(
                    CloudCodeExtension.Kind.BEFORE_FIND,
                    className,
                    new FindRequest(
                            "beforeFind",
                            className,
                            where,
                            null,
                            false,
                            options.count(),
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            client));
            q = q.withWhere(where);
            ctx.setParameters(new Object[] {q});
        }
        Map<String, Object> response = (Map<String, Object>) ctx.proceed();
        if (after && !countOnly && response.get("results") instanceof List<?> results) {
            List<Map<String, Object>> objects = new ArrayList<>((List<Map<String, Object>>) results);
            cloud.runTrigger(
                    CloudCodeExtension.Kind.AFTER_FIND,
                    className,
                    new FindRequest(
                            "afterFind",
                            className,
                            q.where(),
                            objects,
                            false,
                            options.count(),
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            client));
            response.put("results", objects);
        }
        return response;
    }

    /** The same triggers as find, as a query on the objectId. */
    @SuppressWarnings("unchecked")
    private Object get(InvocationContext ctx, PipelineRequest.Get q) throws Exception {
        String className = q.className();
        boolean before = cloud.has(CloudCodeExtension.Kind.BEFORE_FIND, className);
        boolean after = cloud.has(CloudCodeExtension.Kind.AFTER_FIND, className);
        if (!before && !after) {
            return ctx.proceed();
        }
        Auth auth = q.context().auth();
        Client client = q.context().client();
        if (before) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("objectId", q.objectId());
            cloud.runTrigger(
                    CloudCodeExtension.Kind.BEFORE_FIND,
                    className,
                    new FindRequest(
                            "beforeFind",
                            className,
                            where,
                            null,
                            true,
                            false,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            client));
            if (!where.equals(Map.of("objectId", q.objectId()))) {
                // The trigger narrowed the query: the object must still match it.
                Map<String, Object> r =
                        query.findWithoutTriggers(className, where, q.options().withLimit(1), q.context());
                if (((List<?>) r.get("results")).isEmpty()) {
                    throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
                }
            }
        }
        Map<String, Object> object = (Map<String, Object>) ctx.proceed();
        if (after) {
            List<Map<String, Object>> objects = new ArrayList<>(List.of(object));
            cloud.runTrigger(
                    CloudCodeExtension.Kind.AFTER_FIND,
                    className,
                    new FindRequest(
                            "afterFind",
                            className,
                            Map.of("objectId", q.objectId()),
                            objects,
                            true,
                            false,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            client));
            if (objects.isEmpty()) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
            }
            return objects.get(0);
        }
        return object;
    }

    private Object create(InvocationContext ctx, PipelineRequest.Create w) throws Exception {
        String className = w.className();
        boolean before = cloud.has(CloudCodeExtension.Kind.BEFORE_SAVE, className);
        boolean after = cloud.has(CloudCodeExtension.Kind.AFTER_SAVE, className);
        if (!before && !after) {
            return ctx.proceed();
        }
        RequestContext rc = w.context();
        Auth auth = rc.auth();
        Map<String, Object> object = deepCopy(w.body());
        Set<String> changed = Set.of();
        if (before) {
            Map<String, Object> seen = deepCopy(object);
            cloud.runTrigger(
                    CloudCodeExtension.Kind.BEFORE_SAVE,
                    className,
                    new SaveRequest(
                            "beforeSave",
                            className,
                            object,
                            null,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
            changed = changedKeys(seen, object);
            ctx.setParameters(new Object[] {w.withBody(object)});
        }
        ObjectWrite.Created created = (ObjectWrite.Created) ctx.proceed();
        for (String key : changed) {
            if (object.containsKey(key)) {
                created.response().put(key, object.get(key)); // the client learns what the trigger changed
            }
        }
        if (after) {
            Map<String, Object> saved = fetch(className, created.objectId());
            cloud.runAfterTrigger(
                    CloudCodeExtension.Kind.AFTER_SAVE,
                    className,
                    new SaveRequest(
                            "afterSave",
                            className,
                            saved,
                            null,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
        }
        return created;
    }

    @SuppressWarnings("unchecked")
    private Object update(InvocationContext ctx, PipelineRequest.Update w) throws Exception {
        String className = w.className();
        boolean before = cloud.has(CloudCodeExtension.Kind.BEFORE_SAVE, className);
        boolean after = cloud.has(CloudCodeExtension.Kind.AFTER_SAVE, className);
        if (!before && !after) {
            return ctx.proceed();
        }
        String objectId = w.objectId();
        Map<String, Object> body = new LinkedHashMap<>(w.body());
        RequestContext rc = w.context();
        Auth auth = rc.auth();
        Map<String, Object> original = fetch(className, objectId);
        Set<String> changed = Set.of();
        Map<String, Object> object = null;
        if (before) {
            Map<String, Object> expected = applyChanges(original, body);
            object = deepCopy(expected);
            cloud.runTrigger(
                    CloudCodeExtension.Kind.BEFORE_SAVE,
                    className,
                    new SaveRequest(
                            "beforeSave",
                            className,
                            object,
                            deepCopy(original),
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
            changed = changedKeys(expected, object);
            for (String key : changed) {
                body.put(key, object.containsKey(key) ? object.get(key) : Map.of("__op", "Delete"));
            }
            ctx.setParameters(new Object[] {w.withBody(body)});
        }
        Map<String, Object> response = (Map<String, Object>) ctx.proceed();
        for (String key : changed) {
            if (object.containsKey(key)) {
                response.put(key, object.get(key));
            }
        }
        if (after) {
            cloud.runAfterTrigger(
                    CloudCodeExtension.Kind.AFTER_SAVE,
                    className,
                    new SaveRequest(
                            "afterSave",
                            className,
                            fetch(className, objectId),
                            original,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
        }
        return response;
    }

    private Object delete(InvocationContext ctx, PipelineRequest.Delete w) throws Exception {
        String className = w.className();
        boolean before = cloud.has(CloudCodeExtension.Kind.BEFORE_DELETE, className);
        boolean after = cloud.has(CloudCodeExtension.Kind.AFTER_DELETE, className);
        if (!before && !after) {
            return ctx.proceed();
        }
        String objectId = w.objectId();
        RequestContext rc = w.context();
        Auth auth = rc.auth();
        Map<String, Object> object = fetch(className, objectId);
        if (before) {
            cloud.runTrigger(
                    CloudCodeExtension.Kind.BEFORE_DELETE,
                    className,
                    new DeleteRequest(
                            "beforeDelete",
                            className,
                            deepCopy(object),
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
        }
        Object result = ctx.proceed();
        if (after) {
            cloud.runAfterTrigger(
                    CloudCodeExtension.Kind.AFTER_DELETE,
                    className,
                    new DeleteRequest(
                            "afterDelete",
                            className,
                            object,
                            auth.userId(),
                            auth.master(),
                            auth.installationId(),
                            rc.cloudContext(),
                            rc.client()));
        }
        return result;
    }

    /** The stored object as the master key sees it; 101 when there is none. */
    private Map<String, Object> fetch(String className, String objectId) {
        return query.getWithoutTriggers(className, objectId, FindOptions.forGet(Map.of()), RequestContext.master());
    }

    /** Keys whose value the trigger changed, added or removed; read-only fields may not change. */
    private static Set<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        Set<String> changed = new LinkedHashSet<>();
        for (String k : keys) {
            if (!Objects.equals(before.get(k), after.get(k)) || before.containsKey(k) != after.containsKey(k)) {
                if (READ_ONLY.contains(k)) {
                    // What Parse Server's SDK throws when a trigger sets one: a failed script.
                    throw new ParseException(ParseError.SCRIPT_FAILED, "Cannot modify readonly attribute: " + k);
                }
                changed.add(k);
            }
        }
        return changed;
    }

    /** The object as an update will leave it: plain values set, the common operations applied. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> applyChanges(Map<String, Object> original, Map<String, Object> changes) {
        Map<String, Object> out = deepCopy(original);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (!(v instanceof Map<?, ?> m) || !(m.get("__op") instanceof String op)) {
                out.put(key, deepCopy(v));
                continue;
            }
            Object current = out.get(key);
            switch (op) {
                case "Delete" -> out.remove(key);
                case "Increment" -> out.put(key, add(current, (Number) m.get("amount")));
                case "Add", "AddUnique", "Remove" -> {
                    List<Object> list =
                            current instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
                    Collection<Object> objects = m.get("objects") instanceof List<?> l ? (List<Object>) l : List.of();
                    if ("Add".equals(op)) {
                        list.addAll(objects);
                    } else if ("AddUnique".equals(op)) {
                        objects.forEach(o -> {
                            if (!list.contains(o)) {
                                list.add(o);
                            }
                        });
                    } else {
                        list.removeAll(objects);
                    }
                    out.put(key, list);
                }
                default -> {
                    // relation operations leave the object's fields as they are
                }
            }
        }
        return out;
    }

    private static Number add(Object current, Number amount) {
        if (amount == null) {
            return current instanceof Number n ? n : 0;
        }
        if (current instanceof Number n) {
            if ((n instanceof Integer || n instanceof Long) && (amount instanceof Integer || amount instanceof Long)) {
                return n.longValue() + amount.longValue();
            }
            return n.doubleValue() + amount.doubleValue();
        }
        return amount;
    }

    static <T> T deepCopy(T value) {
        return ObjectQuery.deepCopy(value);
    }
}
