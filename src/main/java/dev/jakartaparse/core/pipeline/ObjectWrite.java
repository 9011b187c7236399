package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.schema.SchemaRules;
import dev.jakartaparse.core.security.ReadGuard;
import dev.jakartaparse.core.security.WriteGuard;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.core.spi.CloudTriggers;
import dev.jakartaparse.core.spi.SpecialClasses;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ObjectChanged;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one write pipeline: create, update and delete of objects, whatever the route (REST, batch,
 * Cloud Code). Validates keys and values, keeps the schema, applies operations atomically in the
 * database, maintains relation join tables, and shapes Parse's responses.
 */
@ApplicationScoped
public class ObjectWrite {

    /**
     * The outcome of a create: the objectId (for the Location header), the response body, and the
     * status: 201, or 200 when a sign-up with authData turned out to be a log-in.
     */
    public record Created(String objectId, Map<String, Object> response, int status) {
        Created(String objectId, Map<String, Object> response) {
            this(objectId, response, 201);
        }
    }

    private ParseConfig config;
    private SchemaController schemas;
    private StorageAdapter storage;
    private WriteGuard guard;
    private ReadGuard reads;
    private SpecialClasses special;
    private Event<ObjectChanged> changes;
    private Event<AccessChanged> accessChanges;

    protected ObjectWrite() {}

    @Inject
    public ObjectWrite(
            ParseConfig config,
            SchemaController schemas,
            StorageAdapter storage,
            WriteGuard guard,
            ReadGuard reads,
            SpecialClasses special,
            Event<ObjectChanged> changes,
            Event<AccessChanged> accessChanges) {
        this.config = config;
        this.schemas = schemas;
        this.storage = storage;
        this.guard = guard;
        this.reads = reads;
        this.special = special;
        this.changes = changes;
        this.accessChanges = accessChanges;
    }

    @CloudTriggers
    public Created create(PipelineRequest.Create request) {
        String className = request.className();
        RequestContext rc = request.context();
        Auth auth = rc.auth();
        ClassRules rules = special.of(className);
        guard.checkOperation(className, "create", auth, rules);
        ClassRules.Answer instead = rules.firstLook(request.body(), rc);
        if (instead != null) {
            return new Created(instead.objectId(), instead.response(), instead.status());
        }
        Map<String, Object> data = new LinkedHashMap<>(request.body());
        String objectId = takeObjectId(data);
        requireDate(className, data, "createdAt");
        requireDate(className, data, "updatedAt");
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data, config.requestKeywordDenylist());
        String existingId = rules.saveTarget(null, data, rc);
        if (existingId != null) {
            ClassSchema existing = schemas.find(className)
                    .orElseThrow(() -> new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
            guard.requirePermission(existing, "update", auth);
            Map<String, Object> response = applyUpdate(existing, existingId, data, Map.of(), rules, rc);
            return new Created(existingId, response, 200);
        }
        Optional<ClassSchema> before = schemas.find(className);
        if (before.isEmpty() && !auth.master()) {
            reads.requireClassCreation(className, false);
        }
        if (before.isPresent()) {
            guard.requirePermission(before.get(), "create", auth);
        }
        ClassRules.Prepared prepared = rules.beforeCreate(objectId, data, rc);
        if (prepared.answer() != null) {
            ClassRules.Answer a = prepared.answer();
            return new Created(a.objectId(), a.response(), a.status());
        }

        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema =
                schemas.validateObject(className, withRelationTypes(data, relations), s -> guard.mayAddField(s, auth));
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Object> opResults = flattenOperationsForCreate(data);
        Map<String, Object> defaulted = applyDefaultsAndRequired(schema, data);
        applyDefaultAcl(schema, data, auth);

        String now = ObjectIds.now();
        data.put("objectId", objectId);
        data.put("createdAt", now);
        data.put("updatedAt", now);
        data.putAll(prepared.secret());
        try {
            storage.createObject(className, schema, data);
        } catch (ParseException e) {
            throw rules.translate(e, "create", data, auth);
        }
        applyRelations(className, objectId, relations);
        published(className, rules, "create", new LinkedHashMap<>(data), null, false);

        response.put("objectId", objectId);
        response.put("createdAt", now);
        response.putAll(opResults);
        response.putAll(defaulted); // the client did not send these, so it learns them from the answer
        rules.afterCreate(data, prepared, response, rc);
        return new Created(objectId, response);
    }

    @CloudTriggers
    public Map<String, Object> update(PipelineRequest.Update request) {
        String className = request.className();
        String objectId = request.objectId();
        RequestContext rc = request.context();
        Auth auth = rc.auth();
        ClassRules rules = special.of(className);
        guard.checkOperation(className, "update", auth, rules);
        Map<String, Object> data = new LinkedHashMap<>(request.body());
        Object givenId = data.remove("objectId");
        if (givenId != null && !objectId.equals(givenId)) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "objectId is an invalid field name.");
        }
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data, config.requestKeywordDenylist());
        ClassSchema existing = schemas.find(className)
                .orElseThrow(() -> new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
        guard.requirePermission(existing, "update", auth);
        String target = rules.saveTarget(objectId, data, rc);
        Map<String, Object> secret = rules.beforeUpdate(existing, target, data, rc);
        return applyUpdate(existing, target, data, secret, rules, rc);
    }

    /** The update itself, once the class's rules accepted it: validate, write by the guard's where, answer. */
    private Map<String, Object> applyUpdate(
            ClassSchema existing,
            String objectId,
            Map<String, Object> data,
            Map<String, Object> secret,
            ClassRules rules,
            RequestContext rc) {
        String className = existing.className();
        Auth auth = rc.auth();
        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema = schemas.validateObject(
                existing.className(), withRelationTypes(data, relations), s -> guard.mayAddField(s, auth));
        ValueValidator.validateOperations(data);
        String now = ObjectIds.now();
        data.put("updatedAt", now);
        Map<String, Object> where = guard.writableObject(schema, objectId, "update", auth, rules);
        data.putAll(secret);
        Map<String, Object> original = where == null ? null : storedIfPublished(className, schema, objectId);
        Map<String, Object> updated;
        try {
            updated = where == null ? null : storage.findOneAndUpdate(className, schema, where, data);
            if (updated == null) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
            }
        } catch (ParseException e) {
            throw rules.translate(e, "update", data, auth);
        }
        applyRelations(className, objectId, relations);
        published(className, rules, "update", updated, original, false);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("updatedAt", now);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (isResultProducingOp(e.getValue())) {
                String top = e.getKey().split("\\.", 2)[0];
                if (updated.get(top) != null) {
                    response.put(top, updated.get(top));
                } else if (e.getValue() instanceof Map<?, ?> op && "Remove".equals(op.get("__op"))) {
                    response.put(top, new ArrayList<>());
                }
            }
        }
        rules.afterUpdate(objectId, data, secret, response, rc);
        return response;
    }

    @CloudTriggers
    public void delete(PipelineRequest.Delete request) {
        String className = request.className();
        String objectId = request.objectId();
        RequestContext rc = request.context();
        Auth auth = rc.auth();
        ClassRules rules = special.of(className);
        guard.checkOperation(className, "delete", auth, rules);
        rules.beforeDelete(objectId, rc);
        ClassSchema schema = schemas.find(className)
                .orElseThrow(() -> new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
        guard.requirePermission(schema, "delete", auth);
        Map<String, Object> where = guard.writableObject(schema, objectId, "delete", auth, rules);
        try {
            if (where == null) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
            }
            Map<String, Object> deleted = storedIfPublished(className, schema, objectId);
            storage.deleteObjectsByQuery(className, schema, where);
            published(className, rules, "delete", deleted, null, true);
        } catch (ParseException e) {
            throw rules.translate(e, "delete", Map.of(), auth);
        }
        rules.afterDelete(objectId, rc);
    }

    /** Whether the store can apply several writes all-or-nothing (a batch with transaction: true). */
    public boolean supportsTransactions() {
        return storage.supportsTransactions();
    }

    /** Runs the work's writes all-or-nothing (see {@link StorageAdapter#inTransaction}). */
    public <T> T inTransaction(Supplier<T> work) {
        return storage.inTransaction(work);
    }

    /** The stored object, read only when LiveQuery publishes the class (to send it as "original"). */
    private Map<String, Object> storedIfPublished(String className, ClassSchema schema, String objectId) {
        if (!config.liveQuery().publishes(className)) {
            return null;
        }
        List<Map<String, Object>> found =
                storage.find(className, schema, Map.of("objectId", objectId), QueryOptions.limit(1));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Tells LiveQuery about a write it publishes, and the caches about a change of who may read what. */
    private void published(
            String className,
            ClassRules rules,
            String operation,
            Map<String, Object> object,
            Map<String, Object> original,
            boolean deleted) {
        if (rules.changesAccess(operation)) {
            accessChanges.fire(new AccessChanged(className));
        }
        if (object != null && config.liveQuery().publishes(className)) {
            changes.fire(new ObjectChanged(className, object, original, deleted));
        }
    }

    /** A class-level default ACL (CLP "ACL") applies to new objects that bring none. */
    @SuppressWarnings("unchecked")
    private static void applyDefaultAcl(ClassSchema schema, Map<String, Object> data, Auth auth) {
        Map<String, Object> clp = schema.classLevelPermissions();
        if (data.get("ACL") != null
                || clp == null
                || !(clp.get("ACL") instanceof Map<?, ?> acl)
                || acl.equals(Map.of("*", Map.of("read", true, "write", true)))) {
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) acl);
        Object current = copy.remove("currentUser");
        if (current != null && auth.hasUser()) {
            copy.put(auth.userId(), current);
        }
        data.put("ACL", copy);
    }

    // ---- steps ----

    private String takeObjectId(Map<String, Object> data) {
        boolean present = data.containsKey("objectId");
        Object given = data.remove("objectId");
        if (config.allowCustomObjectId()) {
            if (present && (given == null || "".equals(given))) {
                throw new ParseException(ParseError.MISSING_OBJECT_ID, "objectId must not be empty, null or undefined");
            }
            if (given != null) {
                return String.valueOf(given);
            }
        } else {
            if (truthy(given)) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "objectId is an invalid field name.");
            }
            if (truthy(data.get("id"))) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "id is an invalid field name.");
            }
        }
        return ObjectIds.newObjectId();
    }

    private static void requireDate(String className, Map<String, Object> data, String field) {
        FieldType t = SchemaRules.typeOf(data.get(field));
        if (t != null && !FieldType.DATE.sameTypeAs(t)) {
            throw new ParseException(
                    ParseError.INCORRECT_TYPE,
                    "schema mismatch for " + className + "." + field + "; expected Date but got " + t.describe());
        }
    }

    private static boolean truthy(Object o) {
        return o != null
                && !"".equals(o)
                && !Boolean.FALSE.equals(o)
                && !(o instanceof Number n && n.doubleValue() == 0);
    }

    /** Relation operations declare Relation fields in the schema even though nothing is stored on the object. */
    private static Map<String, Object> withRelationTypes(Map<String, Object> data, List<RelationChange> relations) {
        if (relations.isEmpty()) {
            return data;
        }
        Map<String, Object> forSchema = new LinkedHashMap<>(data);
        for (RelationChange r : relations) {
            forSchema.put(r.key(), Map.of("__type", "Relation", "className", r.targetClass()));
        }
        return forSchema;
    }

    /** Operations on a new object become plain values (Parse's flattenUpdateOperatorsForCreate). */
    private static Map<String, Object> flattenOperationsForCreate(Map<String, Object> data) {
        Map<String, Object> results = new LinkedHashMap<>();
        for (String key : new ArrayList<>(data.keySet())) {
            if (!(data.get(key) instanceof Map<?, ?> op) || !(op.get("__op") instanceof String name)) {
                continue;
            }
            switch (name) {
                case "Increment" -> {
                    if (!(op.get("amount") instanceof Number n)) {
                        throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array");
                    }
                    data.put(key, n);
                    results.put(key, n);
                }
                case "Add" -> {
                    List<?> objects = requireObjects(op);
                    data.put(key, objects);
                    results.put(key, objects);
                }
                case "AddUnique" -> {
                    List<Object> unique = new ArrayList<>(new LinkedHashSet<>(requireObjects(op)));
                    data.put(key, unique);
                    results.put(key, unique);
                }
                case "Remove" -> {
                    requireObjects(op);
                    data.put(key, new ArrayList<>());
                    results.put(key, new ArrayList<>());
                }
                case "Delete" -> data.remove(key);
                default ->
                    throw new ParseException(
                            ParseError.COMMAND_UNAVAILABLE, "The " + name + " operator is not supported yet.");
            }
        }
        return results;
    }

    private static List<?> requireObjects(Map<?, ?> op) {
        if (!(op.get("objects") instanceof List<?> l)) {
            throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array");
        }
        return l;
    }

    private static boolean isResultProducingOp(Object v) {
        return v instanceof Map<?, ?> m
                && m.get("__op") instanceof String op
                && ("Add".equals(op) || "AddUnique".equals(op) || "Remove".equals(op) || "Increment".equals(op));
    }

    /** Fills fields that have a defaultValue; returns what it filled. 142 for a missing required field. */
    private static Map<String, Object> applyDefaultsAndRequired(ClassSchema schema, Map<String, Object> data) {
        Map<String, Object> filled = new LinkedHashMap<>();
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            FieldType t = f.getValue();
            if (t.defaultValue() != null && data.get(f.getKey()) == null) {
                // stored closed, so answered closed (the schema keeps the ring as it was given)
                Object value = PolygonRings.closed(t.defaultValue());
                data.put(f.getKey(), value);
                filled.put(f.getKey(), value);
            }
            if (Boolean.TRUE.equals(t.required()) && data.get(f.getKey()) == null) {
                throw new ParseException(ParseError.VALIDATION_ERROR, f.getKey() + " is required");
            }
        }
        return filled;
    }

    private void applyRelations(String className, String objectId, List<RelationChange> relations) {
        for (RelationChange r : relations) {
            String joinClass = "_Join:" + r.key() + ":" + className;
            ClassSchema joinSchema = SchemaController.joinSchema(joinClass);
            for (String relatedId : r.added()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("relatedId", relatedId);
                doc.put("owningId", objectId);
                storage.upsertOneObject(joinClass, joinSchema, doc, doc);
            }
            for (String relatedId : r.removed()) {
                try {
                    storage.deleteObjectsByQuery(
                            joinClass, joinSchema, Map.of("relatedId", relatedId, "owningId", objectId));
                } catch (ParseException e) {
                    if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
    }
}
