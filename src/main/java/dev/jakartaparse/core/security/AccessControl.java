package dev.jakartaparse.core.security;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parse's access rules as pure functions, used by the one read path and the one write path:
 * which classes clients may touch at all, class-level permissions (including requiresAuthentication
 * and pointer permissions), the ACL constraints added to every query, and protected fields.
 */
public final class AccessControl {
    /** Classes only the master key may use (Parse Server's classesWithMasterOnlyAccess). */
    private static final Set<String> MASTER_ONLY = Set.of(
            "_JobStatus",
            "_PushStatus",
            "_Hooks",
            "_GlobalConfig",
            "_GraphQLConfig",
            "_JobSchedule",
            "_Audience",
            "_Idempotency");

    private static final Set<String> READ_OPS = Set.of("get", "find", "count");

    private AccessControl() {}

    /** Parse Server's enforceRoleSecurity: operations no client may perform on some classes. */
    public static void enforceClassAccess(String operation, String className, Auth auth) {
        if (auth.master()) {
            return;
        }
        if (!auth.readOnly()) {
            if (MASTER_ONLY.contains(className) || className.startsWith("_Join:")) {
                throw forbidden("Clients aren't allowed to perform the " + operation + " operation on the " + className
                        + " collection.");
            }
        }
        if (auth.readOnly()
                && ("delete".equals(operation) || "create".equals(operation) || "update".equals(operation))) {
            throw forbidden("read-only masterKey isn't allowed to perform the " + operation + " operation.");
        }
    }

    /** Whether the class-level permission for the operation lets any member of the group through. */
    public static boolean allows(Map<String, Object> clp, List<String> aclGroup, String operation) {
        if (clp == null || !(clp.get(operation) instanceof Map<?, ?> perms)) {
            return true;
        }
        if (Boolean.TRUE.equals(perms.get("*"))) {
            return true;
        }
        for (String who : aclGroup) {
            if (Boolean.TRUE.equals(perms.get(who))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parse's validatePermission: passes, or is left to pointer permissions, or fails with 119
     * (or 101 when the class requires an authenticated user and there is none).
     * {@code action} is "update" when an addField check comes from an update.
     */
    public static void requirePermission(ClassSchema schema, String operation, Auth auth, String action) {
        if (auth.master()) {
            return;
        }
        Map<String, Object> clp = schema.classLevelPermissions();
        List<String> group = auth.aclGroup();
        if (allows(clp, group, operation)) {
            return;
        }
        Map<?, ?> perms = (Map<?, ?>) clp.get(operation);
        if (Boolean.TRUE.equals(perms.get("requiresAuthentication"))) {
            if (!auth.hasUser()) {
                throw ParseException.sanitized(
                        ParseError.OBJECT_NOT_FOUND, "Permission denied, user needs to be authenticated.");
            }
            return;
        }
        String userFields = READ_OPS.contains(operation) ? "readUserFields" : "writeUserFields";
        if ("writeUserFields".equals(userFields) && "create".equals(operation)) {
            throw denied(operation, schema.className());
        }
        if (clp.get(userFields) instanceof List<?> l && !l.isEmpty()) {
            return;
        }
        if (perms.get("pointerFields") instanceof List<?> l
                && !l.isEmpty()
                && (!"addField".equals(operation) || "update".equals(action))) {
            return;
        }
        throw denied(operation, schema.className());
    }

    /**
     * Narrows a query to the objects whose pointer-permission fields point at the user, when the
     * class-level permission does not already let the caller through. Returns null when the
     * caller can see nothing at all.
     */
    public static Map<String, Object> addPointerPermissions(
            ClassSchema schema, String operation, Map<String, Object> where, Auth auth) {
        Map<String, Object> clp = schema.classLevelPermissions();
        if (auth.canReadEverything() && READ_OPS.contains(operation)
                || auth.master()
                || allows(clp, auth.aclGroup(), operation)) {
            return where;
        }
        List<String> fields = pointerPermissionFields(clp, operation);
        if (fields.isEmpty()) {
            return where;
        }
        if (!auth.hasUser()) {
            return null;
        }
        Map<String, Object> user = userPointer(auth.userId());
        List<Object> branches = new ArrayList<>();
        for (String field : fields) {
            FieldType t = schema.field(field);
            Object clause;
            if (t != null && t.isPointer() || t != null && "Object".equals(t.type())) {
                clause = user;
            } else if (t != null && "Array".equals(t.type())) {
                clause = Map.of("$all", List.of(user));
            } else {
                throw new ParseException(
                        ParseError.INTERNAL_SERVER_ERROR,
                        "An unexpected condition occurred when resolving pointer permissions: " + schema.className()
                                + " " + field);
            }
            Map<String, Object> branch = new LinkedHashMap<>();
            branch.put(field, clause);
            branches.add(branch);
        }
        Object permission = branches.size() == 1 ? branches.get(0) : Map.of("$or", branches);
        Map<String, Object> narrowed = new LinkedHashMap<>();
        narrowed.put("$and", List.of(where, permission));
        return narrowed;
    }

    /**
     * The fields whose pointer to a user lets that user through a class-level permission: the
     * operation's pointerFields, then readUserFields (get/find/count) or writeUserFields.
     */
    public static List<String> pointerPermissionFields(Map<String, Object> clp, String operation) {
        List<String> fields = new ArrayList<>();
        if (clp.get(operation) instanceof Map<?, ?> perms && perms.get("pointerFields") instanceof List<?> pf) {
            pf.forEach(f -> fields.add(String.valueOf(f)));
        }
        String groupKey = READ_OPS.contains(operation) ? "readUserFields" : "writeUserFields";
        if (clp.get(groupKey) instanceof List<?> uf) {
            for (Object f : uf) {
                if (!fields.contains(String.valueOf(f))) {
                    fields.add(String.valueOf(f));
                }
            }
        }
        return fields;
    }

    /** Whether a key (or the field a dotted key starts with) is one of the hidden fields. */
    public static boolean hides(Set<String> hidden, String key) {
        return hidden.contains(key) || hidden.contains(key.split("\\.", 2)[0]);
    }

    /** Only objects the group may read: public ones (no _rperm) or those naming a member. */
    public static Map<String, Object> addReadAcl(Map<String, Object> where, List<String> aclGroup) {
        List<Object> allowed = new ArrayList<>();
        allowed.add(null);
        allowed.add("*");
        aclGroup.stream().filter(a -> !"*".equals(a)).forEach(allowed::add);
        Map<String, Object> q = new LinkedHashMap<>(where);
        q.put("_rperm", Map.of("$in", allowed));
        return q;
    }

    /** Only objects the group may write. */
    public static Map<String, Object> addWriteAcl(Map<String, Object> where, List<String> aclGroup) {
        List<Object> allowed = new ArrayList<>();
        allowed.add(null);
        allowed.addAll(aclGroup);
        Map<String, Object> q = new LinkedHashMap<>(where);
        q.put("_wperm", Map.of("$in", allowed));
        return q;
    }

    /**
     * The fields the caller must not see in objects of this class, before pointer-based
     * ("userField:") rules, which depend on each object. Null when nothing is protected.
     */
    public static Set<String> protectedFields(Map<String, List<String>> rules, Auth auth) {
        if (auth.canReadEverything() || rules == null || rules.isEmpty()) {
            return null;
        }
        List<List<String>> sets = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : rules.entrySet()) {
            String key = rule.getKey();
            if (key.startsWith("userField:")) {
                continue;
            }
            if ("*".equals(key)) {
                sets.add(rule.getValue());
            } else if (auth.hasUser()
                    && ("authenticated".equals(key)
                            || key.startsWith("role:") && auth.roles().contains(key)
                            || key.equals(auth.userId()))) {
                sets.add(rule.getValue());
            }
        }
        if (sets.isEmpty()) {
            return null;
        }
        // A field stays hidden only if every rule that applies to the caller hides it.
        Set<String> hidden = new LinkedHashSet<>(sets.get(0));
        for (List<String> s : sets) {
            hidden.retainAll(s);
        }
        return hidden;
    }

    /**
     * Fields hidden from the caller in this object: the class-wide set, narrowed by each
     * "userField:x" rule whose pointer field points at the caller.
     */
    public static Set<String> protectedFieldsFor(
            Map<String, Object> object, Set<String> classWide, Map<String, List<String>> rules, Auth auth) {
        if (auth.canReadEverything() || rules == null) {
            return classWide;
        }
        Set<String> result = classWide == null ? null : new LinkedHashSet<>(classWide);
        for (Map.Entry<String, List<String>> rule : rules.entrySet()) {
            if (!rule.getKey().startsWith("userField:") || !auth.hasUser()) {
                continue;
            }
            if (pointsAt(object.get(rule.getKey().substring("userField:".length())), auth.userId())) {
                if (result == null) {
                    result = new LinkedHashSet<>(rule.getValue());
                } else {
                    result.retainAll(rule.getValue());
                }
            }
        }
        return result;
    }

    /** 119 when a where clause (at any depth of $or/$and/$nor) or a sort key uses a protected field. */
    public static void denyProtectedFields(
            Map<String, Object> where, List<String> order, Set<String> hidden, String className) {
        if (hidden == null || hidden.isEmpty()) {
            return;
        }
        checkWhere(where, hidden, className);
        for (String key : order) {
            String field = key.startsWith("-") ? key.substring(1) : key;
            if (hides(hidden, field)) {
                throw forbidden("This user is not allowed to sort by " + field + " on class " + className);
            }
        }
    }

    private static void checkWhere(Object where, Set<String> hidden, String className) {
        if (!(where instanceof Map<?, ?> w)) {
            return;
        }
        for (Map.Entry<?, ?> e : w.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (hides(hidden, key)) {
                throw forbidden("This user is not allowed to query " + key + " on class " + className);
            }
            if (("$or".equals(key) || "$and".equals(key) || "$nor".equals(key))) {
                if (!(e.getValue() instanceof List<?> branches)) {
                    throw ParseException.sanitized(ParseError.INVALID_QUERY, key + " must be an array");
                }
                branches.forEach(b -> checkWhere(b, hidden, className));
            }
        }
    }

    /** Whether a pointer, or an array holding one, points at the user. */
    public static boolean pointsAt(Object value, String userId) {
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> pointsAt(v, userId));
        }
        return value instanceof Map<?, ?> p && userId.equals(p.get("objectId"));
    }

    /**
     * Whether a pointer to this user, or an array holding one, is the value: the whole pointer, class
     * included, as a query on a pointer field matches it (pointer permissions, owner fields).
     */
    public static boolean pointsAtUser(Object value, String userId) {
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> pointsAtUser(v, userId));
        }
        return value instanceof Map<?, ?> p && "_User".equals(p.get("className")) && userId.equals(p.get("objectId"));
    }

    public static Map<String, Object> userPointer(String userId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__type", "Pointer");
        p.put("className", "_User");
        p.put("objectId", userId);
        return p;
    }

    public static ParseException denied(String operation, String className) {
        return forbidden("Permission denied for action " + operation + " on class " + className + ".");
    }

    private static ParseException forbidden(String message) {
        return ParseException.sanitized(ParseError.OPERATION_FORBIDDEN, message);
    }
}
