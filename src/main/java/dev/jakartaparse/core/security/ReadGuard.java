package dev.jakartaparse.core.security;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one check sequence every read goes through, whoever reads: REST, batch, include and
 * subqueries, Cloud Code's ServerApi, LiveQuery subscriptions and each LiveQuery event. In order:
 * the keys' reach (read-only master key, master-only classes), the owner rule of the class
 * (a client sees only its own sessions), class-level permissions (with requiresAuthentication
 * and pointer permissions), protected fields (not to be queried, sorted by or seen), and the
 * objects' ACLs with the caller's roles. The query-level form ({@link #plan}, {@link
 * #restrictToReadable}) and the in-memory form ({@link #mayRead}) decide alike: one table of
 * cases runs against both.
 */
@ApplicationScoped
public class ReadGuard {
    private ParseConfig config;

    protected ReadGuard() {}

    @Inject
    public ReadGuard(ParseConfig config) {
        this.config = config;
    }

    /**
     * Checks a query of a class before it runs and narrows its where clause. {@code countOnly}: a
     * count without results; {@code withCount}: results and a count. Throws Parse's error when the
     * caller may not query the class at all.
     */
    public ReadPlan plan(
            String className,
            Optional<ClassSchema> schema,
            Map<String, Object> where,
            boolean countOnly,
            boolean withCount,
            List<String> order,
            Auth auth,
            ClassRules rules) {
        boolean isGet = where.size() == 1 && where.get("objectId") instanceof String;
        String operation = countOnly ? "count" : isGet ? "get" : "find";
        checkClassAccess(className, isGet ? "get" : "find", auth, rules);
        if (rules.ownerField() != null && !auth.canReadEverything()) {
            where = onlyOwn(where, rules.ownerField(), auth);
        }
        if (schema.isEmpty()) {
            requireClassCreation(className, auth.canReadEverything());
            return ReadPlan.nothing(null, operation);
        }
        ClassSchema s = schema.get();
        if (auth.canReadEverything()) {
            // Protected fields never apply to the master keys.
            return new ReadPlan(s, operation, where, null, Map.of(), false);
        }
        Map<String, List<String>> protectedRules = protectedRules(s);
        AccessControl.requirePermission(s, operation, auth, null);
        if (withCount && !"count".equals(operation)) {
            AccessControl.requirePermission(s, "count", auth, null);
        }
        Set<String> hidden = AccessControl.protectedFields(protectedRules, auth);
        if (!rules.asksForOwn(where, auth)) {
            AccessControl.denyProtectedFields(where, order, hidden, className);
        }
        Map<String, Object> narrowed = AccessControl.addPointerPermissions(s, operation, where, auth);
        if (narrowed == null) {
            return ReadPlan.nothing(s, operation);
        }
        return new ReadPlan(s, operation, narrowed, hidden, protectedRules, false);
    }

    /**
     * {@code $relatedTo} names a relation of another class: its key must not be a field that class
     * hides from the caller (119, as a where clause on that field would be). Whether the owning
     * object itself is readable is a query of it, through {@link #plan}.
     */
    public void checkRelationKey(String ownerClass, Optional<ClassSchema> ownerSchema, String key, Auth auth) {
        if (auth.canReadEverything() || ownerSchema.isEmpty()) {
            return;
        }
        Set<String> hidden = AccessControl.protectedFields(protectedRules(ownerSchema.get()), auth);
        if (hidden != null && AccessControl.hides(hidden, key)) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "This user is not allowed to query " + key + " on class " + ownerClass);
        }
    }

    /** Reads that see every object whatever its ACL (aggregate, distinct): the master keys only. */
    public void requireMasterRead(String operation, Auth auth) {
        if (!auth.canReadEverything()) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "Clients aren't allowed to perform the " + operation + " operation.");
        }
    }

    /** Whether the caller may query the class at all (master-only classes, what the class refuses to clients). */
    public void checkClassAccess(String className, String operation, Auth auth, ClassRules rules) {
        WriteGuard.checkClassAccess(className, operation, auth, rules);
    }

    /** The where clause limited to objects whose ACL lets the caller (or one of its roles) read them. */
    public Map<String, Object> restrictToReadable(Map<String, Object> where, Auth auth) {
        return auth.canReadEverything() ? where : AccessControl.addReadAcl(where, auth.aclGroup());
    }

    /** 119 for a client reading or writing a class that does not exist, unless clients may create classes. */
    public void requireClassCreation(String className, boolean privileged) {
        if (!config.allowClientClassCreation() && !privileged && !DefaultSchemas.isSystemClass(className)) {
            throw ParseException.sanitized(
                    ParseError.OPERATION_FORBIDDEN,
                    "This user is not allowed to access non-existent class: " + className);
        }
    }

    /**
     * Removes from a result what the caller may not see: what its class never shows, protected
     * fields (per object, for "userField:" rules), and fields fetched only to evaluate those rules.
     */
    public void protect(
            Map<String, Object> object, ReadPlan plan, List<String> selectedKeys, Auth auth, ClassRules rules) {
        boolean own = rules.isOwn(object, auth);
        rules.shapeRead(object, auth, own);
        if (auth.canReadEverything() || own) {
            return;
        }
        Set<String> hidden = AccessControl.protectedFieldsFor(object, plan.hidden(), plan.protectedRules(), auth);
        if (hidden != null) {
            hidden.forEach(object::remove);
        }
        if (selectedKeys != null) {
            for (String key : plan.protectedRules().keySet()) {
                String field = key.startsWith("userField:") ? key.substring("userField:".length()) : null;
                if (field != null && !topLevel(selectedKeys).contains(field)) {
                    object.remove(field);
                }
            }
        }
    }

    /** The read plan of one object shown to a caller (LiveQuery events): no query, only what to hide. */
    public ReadPlan showing(ClassSchema schema, Auth auth) {
        if (auth.canReadEverything()) {
            return new ReadPlan(schema, "get", Map.of(), null, Map.of(), false);
        }
        Map<String, List<String>> rules = protectedRules(schema);
        return new ReadPlan(schema, "get", Map.of(), AccessControl.protectedFields(rules, auth), rules, false);
    }

    /**
     * The in-memory form of the sequence, for one stored object in REST form: whether the caller
     * may receive it through a query of this operation (get or find). The class-level permission
     * (with requiresAuthentication and pointer permissions), the owner rule, then the ACL.
     */
    public boolean mayRead(
            ClassSchema schema, String operation, Map<String, Object> object, Auth auth, ClassRules rules) {
        return object != null && permits(schema, operation, object, auth, rules) && aclAllows(object, auth);
    }

    /** The class's part of {@link #mayRead}: the owner rule and the class-level permission, for this object. */
    public boolean permits(
            ClassSchema schema, String operation, Map<String, Object> object, Auth auth, ClassRules rules) {
        if (auth.canReadEverything()) {
            return true;
        }
        if (rules.ownerField() != null
                && !(auth.hasUser() && AccessControl.pointsAtUser(object.get(rules.ownerField()), auth.userId()))) {
            return false;
        }
        return permitted(schema == null ? null : schema.classLevelPermissions(), operation, auth, object);
    }

    /** The object's part of {@link #mayRead}: its ACL (no ACL: everyone); false for no object. */
    public boolean aclAllows(Map<String, Object> object, Auth auth) {
        return readableByAcl(object, auth);
    }

    /**
     * A LiveQuery subscription: the same checks as a query of the class, where a protected field
     * may be neither matched nor watched (Parse's LiveQuery answers 119 "Permission denied"). The
     * owner rule narrows the where clause in place. Returns the operation events are judged by.
     */
    public String checkSubscription(
            String className,
            Optional<ClassSchema> schema,
            Map<String, Object> where,
            List<String> watch,
            Auth auth,
            ClassRules rules) {
        checkClassAccess(className, "find", auth, rules);
        if (rules.ownerField() != null) {
            if (auth.hasUser()) {
                where.put(rules.ownerField(), AccessControl.userPointer(auth.userId()));
            } else if (!auth.master()) {
                throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
            }
        }
        String operation = where.size() == 1 && where.get("objectId") instanceof String ? "get" : "find";
        if (schema.isPresent() && !auth.master()) {
            AccessControl.requirePermission(schema.get(), operation, auth, null);
            Set<String> hidden =
                    auth.canReadEverything() ? null : AccessControl.protectedFields(protectedRules(schema.get()), auth);
            if (hidden != null && !hidden.isEmpty()) {
                denyProtectedInSubscription(where, hidden);
                for (String field : watch == null ? List.<String>of() : watch) {
                    if (AccessControl.hides(hidden, field)) {
                        throw new ParseException(ParseError.OPERATION_FORBIDDEN, "Permission denied");
                    }
                }
            }
        }
        return operation;
    }

    // ---- the steps ----

    /** Clients only ever see their own objects of an owned class; without a user there are none to see (209). */
    private static Map<String, Object> onlyOwn(Map<String, Object> where, String ownerField, Auth auth) {
        if (!auth.hasUser()) {
            throw ParseException.sanitized(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
        }
        Map<String, Object> own = new LinkedHashMap<>();
        own.put(ownerField, AccessControl.userPointer(auth.userId()));
        if (where.isEmpty()) {
            return own;
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("$and", List.of(where, own));
        return both;
    }

    /** The class's protectedFields: its CLP entries joined with the server's protectedFields option. */
    private Map<String, List<String>> protectedRules(ClassSchema schema) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        Map<String, Object> clp = schema.classLevelPermissions();
        if (clp != null && clp.get("protectedFields") instanceof Map<?, ?> pf) {
            pf.forEach((who, fields) -> {
                if (fields instanceof List<?> l) {
                    rules.put(
                            String.valueOf(who), l.stream().map(String::valueOf).toList());
                }
            });
        }
        config.accounts().protectedFieldsOf(schema.className()).forEach((who, fields) -> {
            Set<String> union = new LinkedHashSet<>(rules.getOrDefault(who, List.of()));
            union.addAll(fields);
            rules.put(who, new ArrayList<>(union));
        });
        return rules;
    }

    /** Whether the ACL in a REST object lets this caller read it (no ACL: everyone). */
    static boolean readableByAcl(Map<String, Object> object, Auth auth) {
        if (object == null) {
            return false;
        }
        if (auth.canReadEverything() || !(object.get("ACL") instanceof Map<?, ?> acl)) {
            return true;
        }
        if (canRead(acl, "*")) {
            return true;
        }
        if (!auth.hasUser()) {
            return false;
        }
        if (canRead(acl, auth.userId())) {
            return true;
        }
        boolean namesRoles =
                acl.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("role:"));
        if (!namesRoles) {
            return false; // no need to load the user's roles
        }
        for (String role : auth.roles()) {
            if (canRead(acl, role)) {
                return true;
            }
        }
        return false;
    }

    private static boolean canRead(Map<?, ?> acl, String who) {
        return acl.get(who) instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("read"));
    }

    /**
     * The class-level permission for get/find, applied to one object: open, granted to the
     * caller or a role, requiresAuthentication with a user, or a pointer field naming the user.
     */
    static boolean permitted(Map<String, Object> clp, String operation, Auth auth, Map<String, Object> object) {
        if (auth.canReadEverything() || clp == null || AccessControl.allows(clp, auth.aclGroup(), operation)) {
            return true;
        }
        // As the query form: requiresAuthentication lets a user past the permission, and pointer
        // permissions then still narrow to the objects whose fields point at that user.
        Map<?, ?> perms = (Map<?, ?>) clp.get(operation);
        boolean anyUser = perms != null && Boolean.TRUE.equals(perms.get("requiresAuthentication"));
        List<String> fields = AccessControl.pointerPermissionFields(clp, operation);
        if (!auth.hasUser()) {
            return false;
        }
        if (fields.isEmpty()) {
            return anyUser;
        }
        return fields.stream().anyMatch(f -> AccessControl.pointsAtUser(object.get(f), auth.userId()));
    }

    /** Where keys on protected fields would reveal them through matching. */
    private static void denyProtectedInSubscription(Object where, Set<String> hidden) {
        if (!(where instanceof Map<?, ?> w)) {
            return;
        }
        for (Map.Entry<?, ?> e : w.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (AccessControl.hides(hidden, key)) {
                throw new ParseException(ParseError.OPERATION_FORBIDDEN, "Permission denied");
            }
            if (("$or".equals(key) || "$and".equals(key) || "$nor".equals(key)) && e.getValue() instanceof List<?> l) {
                l.forEach(sub -> denyProtectedInSubscription(sub, hidden));
            }
        }
    }

    private static Set<String> topLevel(List<String> keys) {
        Set<String> top = new LinkedHashSet<>();
        for (String k : keys) {
            top.add(k.split("\\.", 2)[0]);
        }
        return top;
    }
}
