package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.core.spi.CloudTriggers;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.auth.UserAccounts;
import dev.jakartaparse.core.security.AccessControl;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.StorageAdapter;
import dev.jakartaparse.model.AccessChanged;
import dev.jakartaparse.storage.QueryOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.jakartaparse.model.ObjectChanged;
import dev.jakartaparse.model.ObjectIds;

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

    @Inject
    ParseConfig config;
    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;
    @Inject
    UserAccounts users;
    @Inject
    SessionTokens sessions;
    @Inject
    Event<ObjectChanged> changes;
    @Inject
    Event<AccessChanged> accessChanges;

    @CloudTriggers
    public Created create(PipelineRequest.Create request) {
        String className = request.className();
        Map<String, Object> body = request.body();
        RequestContext rc = request.context();
        Auth auth = rc.auth();
        checkWritable(className, auth, "create");
        if ("_Session".equals(className) && !auth.master()) {
            return createSessionForClient(body, auth);
        }
        Map<String, Object> data = new LinkedHashMap<>(body);
        if ("_User".equals(className)) {
            UserAccounts.requireStringAuthDataIds(data);
        }
        String objectId = takeObjectId(data);
        requireDate(className, data, "createdAt");
        requireDate(className, data, "updatedAt");
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data);
        checkClassCreation(className, auth);
        Optional<ClassSchema> before = schemas.find(className);
        if (before.isPresent()) {
            AccessControl.requirePermission(before.get(), "create", auth, null);
        }
        Map<String, Object> secret = Map.of();
        UserAccounts.SignUp signUp = null;
        if ("_User".equals(className)) {
            signUp = users.prepareSignUp(objectId, data, auth);
            if (signUp.existingUser() != null) {
                Map<String, Object> user = users.logInWithAuthData(signUp, data, rc);
                return new Created((String) user.get("objectId"), user, 200);
            }
            secret = signUp.secret();
        } else if ("_Role".equals(className)) {
            requireValidRoleName(data.get("name"));
        }

        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema = schemas.validateObject(className, withRelationTypes(data, relations), auth);
        Map<String, Object> response = new LinkedHashMap<>();
        Map<String, Object> opResults = flattenOperationsForCreate(data);
        Map<String, Object> defaulted = applyDefaultsAndRequired(schema, data);
        applyDefaultAcl(schema, data, auth);

        String now = ObjectIds.now();
        data.put("objectId", objectId);
        data.put("createdAt", now);
        data.put("updatedAt", now);
        data.putAll(secret);
        try {
            storage.createObject(className, schema, data);
        } catch (ParseException e) {
            throw "_User".equals(className) && e.code() == ParseError.DUPLICATE_VALUE ? duplicateUser(data) : e;
        }
        applyRelations(className, objectId, relations);
        published(className, new LinkedHashMap<>(data), null, false);

        response.put("objectId", objectId);
        response.put("createdAt", now);
        response.putAll(opResults);
        response.putAll(defaulted); // the client did not send these, so it learns them from the answer
        if (signUp != null) {
            users.afterUserSaved(data, secret);
            if (signUp.authProvider() == null) {
                users.rejectSignupIfUnverified(data);
            }
            if (signUp.usernameGenerated()) {
                response.put("username", data.get("username"));
            }
            String token = users.startSession(objectId, "signup", signUp.authProvider(), auth);
            if (token != null) {
                response.put("sessionToken", token);
            }
            if (signUp.authProvider() != null) {
                response.put("authDataResponse", new LinkedHashMap<>()); // what providers answered (none do here)
            }
        }
        return new Created(objectId, response);
    }

    @CloudTriggers
    public Map<String, Object> update(PipelineRequest.Update request) {
        String className = request.className();
        String objectId = request.objectId();
        Map<String, Object> body = request.body();
        Auth auth = request.context().auth();
        checkWritable(className, auth, "update");
        Map<String, Object> data = new LinkedHashMap<>(body);
        Object givenId = data.remove("objectId");
        if (givenId != null && !objectId.equals(givenId)) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "objectId is an invalid field name.");
        }
        data.remove("createdAt");
        data.remove("updatedAt");
        ValueValidator.validateTopLevel(data);
        if ("_Session".equals(className)) {
            checkSessionUpdate(data, auth);
        }
        ClassSchema existing = schemas.find(className).orElseThrow(() ->
                new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
        AccessControl.requirePermission(existing, "update", auth, null);
        Map<String, Object> secret = Map.of();
        if ("_User".equals(className)) {
            secret = users.prepareUpdate(objectId, data, auth);
        } else if ("_Role".equals(className) && data.containsKey("name")) {
            requireUnchangedRoleName(existing, objectId, data.get("name"));
        }

        List<RelationChange> relations = RelationChange.extract(data);
        ClassSchema schema = schemas.validateObject(existing.className(), withRelationTypes(data, relations), auth);
        ValueValidator.validateOperations(data);
        String now = ObjectIds.now();
        data.put("updatedAt", now);
        Map<String, Object> where = writableObject(schema, objectId, "update", auth);
        boolean passwordChanged = secret.containsKey("_hashed_password");
        data.putAll(secret);
        Map<String, Object> original = where == null ? null : storedIfPublished(className, schema, objectId);
        Map<String, Object> updated;
        try {
            updated = where == null ? null : storage.findOneAndUpdate(className, schema, where, data);
        } catch (ParseException e) {
            throw "_User".equals(className) && e.code() == ParseError.DUPLICATE_VALUE ? duplicateUser(data) : e;
        }
        if (updated == null) {
            if ("_User".equals(className) && !auth.master()) {
                // Parse Server's handleSessionMissingError: a user you cannot write is an auth problem.
                throw ParseException.sanitized(ParseError.SESSION_MISSING, "Insufficient auth.");
            }
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
        }
        applyRelations(className, objectId, relations);
        published(className, updated, original, false);

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
        if ("_User".equals(className)) {
            users.afterUserSaved(data, secret);
        }
        if (passwordChanged) {
            String token = users.afterPasswordChange(objectId, auth);
            if (token != null) {
                response.put("sessionToken", token);
            }
        }
        return response;
    }

    @CloudTriggers
    public void delete(PipelineRequest.Delete request) {
        String className = request.className();
        String objectId = request.objectId();
        Auth auth = request.context().auth();
        checkWritable(className, auth, "delete");
        if ("_User".equals(className) && auth.isUnauthenticated()) {
            throw new ParseException(ParseError.SESSION_MISSING, "Insufficient auth to delete user");
        }
        ClassSchema schema = schemas.find(className).orElseThrow(() ->
                new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found."));
        AccessControl.requirePermission(schema, "delete", auth, null);
        Map<String, Object> where = writableObject(schema, objectId, "delete", auth);
        try {
            if (where == null) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
            }
            Map<String, Object> deleted = storedIfPublished(className, schema, objectId);
            storage.deleteObjectsByQuery(className, schema, where);
            published(className, deleted, null, true);
        } catch (ParseException e) {
            if ("_User".equals(className) && !auth.master() && e.code() == ParseError.OBJECT_NOT_FOUND) {
                throw ParseException.sanitized(ParseError.SESSION_MISSING, "Insufficient auth.");
            }
            throw e;
        }
        if ("_User".equals(className)) {
            sessions.revokeAllOf(objectId, null);
        }
    }

    /** The stored object, read only when LiveQuery publishes the class (to send it as "original"). */
    private Map<String, Object> storedIfPublished(String className, ClassSchema schema, String objectId) {
        if (!config.liveQuery().publishes(className)) {
            return null;
        }
        List<Map<String, Object>> found = storage.find(className, schema, Map.of("objectId", objectId), QueryOptions.limit(1));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Tells LiveQuery about a write it publishes, and the caches about a role or session change. */
    private void published(String className, Map<String, Object> object, Map<String, Object> original, boolean deleted) {
        if ("_Role".equals(className) || "_Session".equals(className) && deleted) {
            accessChanges.fire(new AccessChanged(className));
        }
        if (object != null && config.liveQuery().publishes(className)) {
            changes.fire(new ObjectChanged(className, object, original, deleted));
        }
    }

    /**
     * The query that finds the object only if the caller may write it: pointer permissions and
     * the object's ACL (_wperm); a client only ever writes its own sessions. Null: nothing.
     */
    private static Map<String, Object> writableObject(ClassSchema schema, String objectId, String operation, Auth auth) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        if (auth.master()) {
            return where;
        }
        if ("_Session".equals(schema.className())) {
            if (!auth.hasUser()) {
                throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
            }
            where.put("user", AccessControl.userPointer(auth.userId()));
        }
        where = AccessControl.addPointerPermissions(schema, operation, where, auth);
        return where == null ? null : AccessControl.addWriteAcl(where, auth.aclGroup());
    }

    // ---- sessions, roles, users ----

    /**
     * POST /classes/_Session by a client: a new session for the caller's own user, with
     * createdWith {action:"create"}; only extra fields of the client's own are kept.
     */
    private Created createSessionForClient(Map<String, Object> body, Auth auth) {
        if (!auth.hasUser()) {
            throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Session token required.");
        }
        if (body.containsKey("ACL")) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Cannot set ACL on a Session.");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            if (!List.of("objectId", "user", "sessionToken", "expiresAt", "createdWith", "createdAt", "updatedAt")
                    .contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        ValueValidator.validateTopLevel(extra);
        Map<String, Object> session = sessions.createSession(auth.userId(), Map.of("action", "create"), null, extra);
        Map<String, Object> response = new LinkedHashMap<>(session);
        response.remove("createdAt");
        response.remove("updatedAt");
        return new Created((String) session.get("objectId"), response);
    }

    private static void checkSessionUpdate(Map<String, Object> data, Auth auth) {
        if (!auth.hasUser() && !auth.master()) {
            throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Session token required.");
        }
        if (data.containsKey("ACL")) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Cannot set ACL on a Session.");
        }
        if (data.containsKey("user") && !auth.master()
                && !(data.get("user") instanceof Map<?, ?> u && auth.userId().equals(u.get("objectId")))) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: user");
        }
        for (String key : List.of("installationId", "sessionToken")) {
            if (data.containsKey(key)) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
        for (String key : List.of("expiresAt", "createdWith")) {
            if (data.containsKey(key) && !auth.master()) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
    }

    private static void requireValidRoleName(Object name) {
        if (!(name instanceof String n) || n.isEmpty()) {
            throw new ParseException(ParseError.OTHER_CAUSE, "A role's name must be a String.");
        }
        if (!n.matches("^[0-9a-zA-Z\\-_ ]+$")) {
            throw new ParseException(ParseError.INVALID_ROLE_NAME,
                    "A role's name can only contain alphanumeric characters, _, -, and spaces.");
        }
    }

    /** A role's name is fixed once it is saved. */
    private void requireUnchangedRoleName(ClassSchema schema, String objectId, Object name) {
        List<Map<String, Object>> current = storage.find("_Role", schema, Map.of("objectId", objectId),
                dev.jakartaparse.storage.QueryOptions.limit(1).withKeys(List.of("name")));
        if (!current.isEmpty() && !java.util.Objects.equals(current.get(0).get("name"), name)) {
            throw new ParseException(ParseError.INVALID_ROLE_NAME, "A role's name can only be set before it has been saved.");
        }
    }

    /** A duplicate-key error on _User names the field the way Parse does (202/203). */
    private ParseException duplicateUser(Map<String, Object> data) {
        ClassSchema schema = schemas.schemaOrEmpty("_User");
        dev.jakartaparse.storage.QueryOptions one = dev.jakartaparse.storage.QueryOptions.limit(1)
                .withKeys(List.of("objectId"));
        if (data.get("username") instanceof String u
                && !storage.find("_User", schema, Map.of("username", u, "objectId", Map.of("$ne", data.get("objectId") == null ? "" : data.get("objectId"))), one).isEmpty()) {
            return new ParseException(ParseError.USERNAME_TAKEN, "Account already exists for this username.");
        }
        if (data.get("email") instanceof String e
                && !storage.find("_User", schema, Map.of("email", e), one).isEmpty()) {
            return new ParseException(ParseError.EMAIL_TAKEN, "Account already exists for this email address.");
        }
        return new ParseException(ParseError.DUPLICATE_VALUE,
                "A duplicate value for a field with unique values was provided");
    }

    /** A class-level default ACL (CLP "ACL") applies to new objects that bring none. */
    @SuppressWarnings("unchecked")
    private static void applyDefaultAcl(ClassSchema schema, Map<String, Object> data, Auth auth) {
        Map<String, Object> clp = schema.classLevelPermissions();
        if (data.get("ACL") != null || clp == null || !(clp.get("ACL") instanceof Map<?, ?> acl)
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

    private static void checkWritable(String className, Auth auth, String operation) {
        if (auth.readOnly()) {
            throw ParseException.sanitized(ParseError.OPERATION_FORBIDDEN,
                    "read-only masterKey isn't allowed to perform the " + operation + " operation.");
        }
        AccessControl.enforceClassAccess(operation, className, auth);
        if (className.startsWith("_Join:")) {
            throw new ParseException(ParseError.INVALID_CLASS_NAME,
                    dev.jakartaparse.core.schema.SchemaRules.invalidClassNameMessage(className));
        }
    }

    private void checkClassCreation(String className, Auth auth) {
        if (!config.allowClientClassCreation() && !auth.master() && !DefaultSchemas.isSystemClass(className)
                && !schemas.hasClass(className)) {
            throw ParseException.sanitized(ParseError.OPERATION_FORBIDDEN,
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

    /** Fills fields that have a defaultValue; returns what it filled. 142 for a missing required field. */
    private static Map<String, Object> applyDefaultsAndRequired(ClassSchema schema, Map<String, Object> data) {
        Map<String, Object> filled = new LinkedHashMap<>();
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            FieldType t = f.getValue();
            if (t.defaultValue() != null && data.get(f.getKey()) == null) {
                data.put(f.getKey(), t.defaultValue());
                filled.put(f.getKey(), t.defaultValue());
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
