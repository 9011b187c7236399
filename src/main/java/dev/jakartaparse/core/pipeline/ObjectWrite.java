package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.Auth;
import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import dev.jakartaparse.core.schema.ClassSchema;
import dev.jakartaparse.core.schema.DefaultSchemas;
import dev.jakartaparse.core.schema.FieldType;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.Durability;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The one write pipeline: create, update and delete of objects, whatever the route (REST, batch,
 * Cloud Code). Validates keys and values, keeps the schema, applies operations atomically in the
 * database, maintains relation join tables, and shapes Parse's responses.
 */
@ApplicationScoped
public class ObjectWrite {

    /** The outcome of a create: the response body and the new objectId (for the Location header). */
    public record Created(String objectId, Map<String, Object> response) {
    }

    @Inject
    ParseConfig config;
    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;
    @Inject
    Durability durability;

    public Created create(String className, Map<String, Object> body, Auth auth) {
        checkWritable(className, auth);
        Map<String, Object> data = new LinkedHashMap<>(body);
        String objectId = takeObjectId(data);
        requireDate(className, data, "createdAt");
        requireDate(className, data, "updatedAt");
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data);
        checkClassCreation(className, auth);

        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema = schemas.validateObject(className, withRelationTypes(data, relations));
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Object> opResults = flattenOperationsForCreate(data);
        applyDefaultsAndRequired(schema, data);

        String now = ObjectIds.now();
        data.put("objectId", objectId);
        data.put("createdAt", now);
        data.put("updatedAt", now);
        storage.createObject(className, schema, data);
        applyRelations(className, objectId, relations);
        durability.writeAcknowledged();

        response.put("objectId", objectId);
        response.put("createdAt", now);
        response.putAll(opResults);
        return new Created(objectId, response);
    }

    public Map<String, Object> update(String className, String objectId, Map<String, Object> body, Auth auth) {
        checkWritable(className, auth);
        Map<String, Object> data = new LinkedHashMap<>(body);
        Object givenId = data.remove("objectId");
        if (givenId != null && !objectId.equals(givenId)) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "objectId is an invalid field name.");
        }
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data);
        ClassSchema existing = schemas.find(className).orElseThrow(() ->
                new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));

        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema = schemas.validateObject(existing.className(), withRelationTypes(data, relations));
        ValueValidator.validateOperations(data);
        String now = ObjectIds.now();
        data.put("updatedAt", now);
        Map<String, Object> where = Map.of("objectId", objectId);
        Map<String, Object> updated = storage.findOneAndUpdate(className, schema, where, data);
        if (updated == null) {
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
        }
        applyRelations(className, objectId, relations);
        durability.writeAcknowledged();

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
        return response;
    }

    public void delete(String className, String objectId, Auth auth) {
        checkWritable(className, auth);
        ClassSchema schema = schemas.find(className).orElseThrow(() ->
                new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
        storage.deleteObjectsByQuery(className, schema, Map.of("objectId", objectId));
        durability.writeAcknowledged();
    }

    // ---- steps ----

    private static void checkWritable(String className, Auth auth) {
        if (auth.readOnly()) {
            throw new ParseException(ParseError.OPERATION_FORBIDDEN,
                    "Cannot perform a write operation when using readOnlyMasterKey");
        }
        if (className.startsWith("_Join:")) {
            throw new ParseException(ParseError.INVALID_CLASS_NAME,
                    dev.jakartaparse.core.schema.SchemaRules.invalidClassNameMessage(className));
        }
    }

    private void checkClassCreation(String className, Auth auth) {
        if (!config.allowClientClassCreation() && !auth.master() && !DefaultSchemas.isSystemClass(className)
                && !schemas.hasClass(className)) {
            throw new ParseException(ParseError.OPERATION_FORBIDDEN,
                    "This user is not allowed to access non-existent class: " + className);
        }
    }

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
        FieldType t = dev.jakartaparse.core.schema.SchemaRules.typeOf(data.get(field));
        if (t != null && !FieldType.DATE.sameTypeAs(t)) {
            throw new ParseException(ParseError.INCORRECT_TYPE, "schema mismatch for " + className + "." + field
                    + "; expected Date but got " + t.describe());
        }
    }

    private static boolean truthy(Object o) {
        return o != null && !"".equals(o) && !Boolean.FALSE.equals(o)
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
                default -> throw new ParseException(ParseError.COMMAND_UNAVAILABLE,
                        "The " + name + " operator is not supported yet.");
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
        return v instanceof Map<?, ?> m && m.get("__op") instanceof String op
                && ("Add".equals(op) || "AddUnique".equals(op) || "Remove".equals(op) || "Increment".equals(op));
    }

    private static void applyDefaultsAndRequired(ClassSchema schema, Map<String, Object> data) {
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            FieldType t = f.getValue();
            if (t.defaultValue() != null && data.get(f.getKey()) == null) {
                data.put(f.getKey(), t.defaultValue());
            }
            if (Boolean.TRUE.equals(t.required()) && data.get(f.getKey()) == null) {
                throw new ParseException(ParseError.INCORRECT_TYPE, f.getKey() + " is required.");
            }
        }
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
                    storage.deleteObjectsByQuery(joinClass, joinSchema,
                            Map.of("relatedId", relatedId, "owningId", objectId));
                } catch (ParseException e) {
                    if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
    }
}
