package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.schema.SchemaRules;
import dev.jakartaparse.core.security.ReadGuard;
import dev.jakartaparse.core.security.ReadPlan;
import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.core.spi.CloudTriggers;
import dev.jakartaparse.core.spi.SpecialClasses;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one read pipeline: find, get and count, whatever the route (REST, batch, include, subqueries).
 * Validates the where clause, resolves what needs other queries ({@code $inQuery}, {@code $select},
 * {@code $relatedTo}, relation fields), runs the query, then fetches includes one query per class
 * and level, and shapes the objects the way clients see them.
 */
@ApplicationScoped
public class ObjectQuery {
    private static final List<String> ALWAYS_SELECTED = List.of("objectId", "createdAt", "updatedAt", "ACL");

    private ParseConfig config;
    private SchemaController schemas;
    private StorageAdapter storage;
    private ReadGuard guard;
    private SpecialClasses special;
    /** This bean through its CDI proxy, so that reads made for an include run the find triggers. */
    private Instance<ObjectQuery> self;

    protected ObjectQuery() {}

    @Inject
    public ObjectQuery(
            ParseConfig config,
            SchemaController schemas,
            StorageAdapter storage,
            ReadGuard guard,
            SpecialClasses special,
            Instance<ObjectQuery> self) {
        this.config = config;
        this.schemas = schemas;
        this.storage = storage;
        this.guard = guard;
        this.special = special;
        this.self = self;
    }

    /** A query as a client makes it: the class's beforeFind/afterFind Cloud Code triggers run around it. */
    @CloudTriggers
    public Map<String, Object> find(PipelineRequest.Find q) {
        return findWithoutTriggers(q.className(), q.where(), q.options(), q.context());
    }

    /** The query itself, for the server's own reads (no Cloud Code triggers). */
    public Map<String, Object> findWithoutTriggers(
            String className, Map<String, Object> where, FindOptions options, RequestContext rc) {
        // As Parse Server, what no client may read is refused (119) before the class name is judged.
        boolean isGet = where != null && where.size() == 1 && where.get("objectId") instanceof String;
        guard.checkClassAccess(className, isGet ? "get" : "find", rc.auth(), special.of(className));
        SchemaRules.requireValidClassName(className);
        if (options.redirectClassNameForKey() != null) {
            return findRedirected(className, where, options, rc);
        }
        Auth auth = rc.auth();
        Map<String, Object> query = where == null ? new LinkedHashMap<>() : deepCopy(where);
        LinkedHashMap<String, Integer> sort = SortOrder.of(className, options.order(), query);
        boolean textQuery = SortOrder.hasText(query);
        QueryValidator.validate(query, auth.canReadEverything());
        if (!auth.canReadEverything()) {
            ComplexityLimits.checkWhere(query, config.requestComplexity());
            ComplexityLimits.checkInclude(options.include(), config.requestComplexity());
        }
        RequestGuards.rejectProhibitedKeywords(query, config.requestKeywordDenylist());
        ClassRules rules = special.of(className);
        ReadPlan plan = guard.plan(
                className,
                schemas.find(className),
                query,
                options.count() && options.limit() == 0,
                options.count(),
                options.order(),
                auth,
                rules);
        if (plan.nothing()) {
            return emptyAnswer(options);
        }
        ClassSchema schema = plan.schema();
        Map<String, List<String>> protectedRules = plan.protectedRules();
        query = guard.restrictToReadable(resolve(schema, plan.where(), rc), auth);
        Map<String, Object> response = new LinkedHashMap<>();

        if (options.explain()) {
            response.put(
                    "results",
                    storage.explain(
                            className,
                            schema,
                            query,
                            storageOptions(schema, options, sort, textQuery, protectedRules)));
            return response;
        }
        List<Map<String, Object>> results = options.limit() == 0
                ? new ArrayList<>()
                : storage.find(
                        className, schema, query, storageOptions(schema, options, sort, textQuery, protectedRules));
        includeAll(schema, results, options, rc);
        for (Map<String, Object> o : results) {
            guard.protect(o, plan, options.keys(), auth, rules);
            shape(schema, o, options, rc);
        }
        response.put("results", results);
        if (options.count()) {
            response.put("count", storage.count(className, schema, query, options.hint()));
        }
        return response;
    }

    /**
     * A query with redirectClassNameForKey: when that key is a relation of the class, the query runs on
     * the relation's target class (through the same checks as any query of it), and every object names
     * its class, as Parse Server answers.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> findRedirected(
            String className, Map<String, Object> where, FindOptions options, RequestContext rc) {
        String target = schemas.find(className)
                .map(s -> s.field(options.redirectClassNameForKey()))
                .filter(FieldType::isRelation)
                .map(FieldType::targetClass)
                .orElse(className);
        Map<String, Object> answer = findWithoutTriggers(target, where, options.withoutRedirect(), rc);
        if (!options.explain() && answer.get("results") instanceof List<?> results) {
            results.forEach(o -> ((Map<String, Object>) o).put("className", target));
        }
        return answer;
    }

    private static Map<String, Object> emptyAnswer(FindOptions options) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("results", new ArrayList<>());
        if (options.count()) {
            response.put("count", 0);
        }
        return response;
    }

    /**
     * A copy of a stored object as this caller may see it in any read: protected fields and other
     * users' secrets removed, internal fields dropped, file URLs filled in. LiveQuery sends these.
     */
    public Map<String, Object> visibleCopy(ClassSchema schema, Map<String, Object> stored, Auth auth, String mountUrl) {
        Map<String, Object> o = deepCopy(stored);
        FindOptions options = FindOptions.forGet(Map.of());
        guard.protect(o, guard.showing(schema, auth), null, auth, special.of(schema.className()));
        shape(schema, o, options, RequestContext.internal(auth).withMountUrl(mountUrl));
        return o;
    }

    /**
     * GET /aggregate/X?distinct=field: the distinct values of a field among the matching objects.
     * Master key only (the route checks it; so does this, as a read no ACL narrows).
     */
    public List<Object> distinct(String className, Map<String, Object> where, String field, Auth auth) {
        guard.requireMasterRead("distinct", auth);
        QueryValidator.validate(where, true);
        Optional<ClassSchema> schema = schemas.find(className);
        return schema.isEmpty() ? List.of() : storage.distinct(className, schema.get(), where, field);
    }

    /** GET /aggregate/X?pipeline=[...]: a Parse aggregate pipeline; master key only, as {@link #distinct}. */
    public List<Object> aggregate(
            String className,
            Map<String, Object> where,
            List<Map<String, Object>> pipeline,
            Object hint,
            boolean explain,
            Auth auth) {
        guard.requireMasterRead("aggregate", auth);
        QueryValidator.validate(where, true);
        Optional<ClassSchema> schema = schemas.find(className);
        return schema.isEmpty() ? List.of() : storage.aggregate(className, schema.get(), pipeline, hint, explain);
    }

    /** GET /classes/X/id: the object or 101. */
    @CloudTriggers
    public Map<String, Object> get(PipelineRequest.Get q) {
        return getWithoutTriggers(q.className(), q.objectId(), q.options(), q.context());
    }

    /** GET of one object for the server's own reads (no Cloud Code triggers); 101 when not readable. */
    public Map<String, Object> getWithoutTriggers(
            String className, String objectId, FindOptions options, RequestContext rc) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("objectId", objectId);
        List<?> results = (List<?>)
                findWithoutTriggers(className, where, options.withLimit(1), rc).get("results");
        if (results.isEmpty()) {
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) results.get(0);
        return o;
    }

    private QueryOptions storageOptions(
            ClassSchema schema,
            FindOptions options,
            LinkedHashMap<String, Integer> sort,
            boolean textQuery,
            Map<String, List<String>> protectedRules) {
        List<String> keys = null;
        if (options.keys() != null) {
            Set<String> k = new LinkedHashSet<>(ALWAYS_SELECTED);
            for (String key : options.keys()) {
                if (SortOrder.SCORE.equals(key) && !sort.containsKey(SortOrder.SCORE) && !textQuery) {
                    continue; // no text score without a $text query
                }
                // "meta.level" selects a sub-field; "player.name" (a pointer) needs the whole pointer.
                FieldType t = schema.field(key.split("\\.", 2)[0]);
                k.add(t != null && t.isPointer() ? key.split("\\.", 2)[0] : key);
            }
            for (String inc : options.include()) {
                k.add(inc.split("\\.", 2)[0]);
            }
            for (String rule : protectedRules.keySet()) {
                if (rule.startsWith("userField:")) {
                    k.add(rule.substring("userField:".length()));
                }
            }
            keys = new ArrayList<>(k);
        }
        return new QueryOptions(options.skip(), options.limit(), sort, keys, options.hint(), false);
    }

    // ---- resolving constraints that need other queries ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(ClassSchema schema, Map<String, Object> where, RequestContext rc) {
        for (String logical : List.of("$or", "$and", "$nor")) {
            if (where.get(logical) instanceof List<?> branches) {
                List<Object> resolved = new ArrayList<>();
                for (Object b : branches) {
                    resolved.add(b instanceof Map<?, ?> m ? resolve(schema, (Map<String, Object>) m, rc) : b);
                }
                where.put(logical, resolved);
            }
        }
        if (where.containsKey("$relatedTo")) {
            resolveRelatedTo(where, rc);
        }
        for (String key : new ArrayList<>(where.keySet())) {
            Object c = where.get(key);
            if (key.startsWith("$") || !(c instanceof Map<?, ?> raw)) {
                if (!key.startsWith("$")) {
                    resolveRelationField(schema, where, key, rc);
                }
                continue;
            }
            Map<String, Object> constraint = (Map<String, Object>) raw;
            resolveSubquery(constraint, "$inQuery", "$in", rc);
            resolveSubquery(constraint, "$notInQuery", "$nin", rc);
            resolveSelect(constraint, "$select", "$in", rc);
            resolveSelect(constraint, "$dontSelect", "$nin", rc);
            resolveRelationField(schema, where, key, rc);
        }
        return where;
    }

    @SuppressWarnings("unchecked")
    private void resolveSubquery(Map<String, Object> constraint, String op, String into, RequestContext rc) {
        if (!constraint.containsKey(op)) {
            return;
        }
        Object sub = constraint.remove(op);
        if (!(sub instanceof Map<?, ?> q)
                || !(q.get("className") instanceof String cls)
                || (q.get("where") != null && !(q.get("where") instanceof Map))) {
            throw new ParseException(ParseError.INVALID_QUERY, "improper usage of " + op);
        }
        Map<String, Object> subWhere =
                q.get("where") == null ? new LinkedHashMap<>() : (Map<String, Object>) q.get("where");
        List<?> results =
                (List<?>) findWithoutTriggers(cls, subWhere, FindOptions.all().withKeys(List.of("objectId")), rc)
                        .get("results");
        List<Object> pointers = new ArrayList<>();
        for (Object r : results) {
            pointers.add(pointer(cls, String.valueOf(((Map<?, ?>) r).get("objectId"))));
        }
        mergeList(constraint, into, pointers);
    }

    @SuppressWarnings("unchecked")
    private void resolveSelect(Map<String, Object> constraint, String op, String into, RequestContext rc) {
        if (!constraint.containsKey(op)) {
            return;
        }
        Object sel = constraint.remove(op);
        if (!(sel instanceof Map<?, ?> s)
                || !(s.get("key") instanceof String key)
                || !(s.get("query") instanceof Map<?, ?> q)
                || !(q.get("className") instanceof String cls)
                || s.size() != 2) {
            throw new ParseException(ParseError.INVALID_QUERY, "improper usage of " + op);
        }
        Map<String, Object> subWhere =
                q.get("where") instanceof Map<?, ?> w ? (Map<String, Object>) w : new LinkedHashMap<>();
        List<?> results = (List<?>)
                findWithoutTriggers(cls, subWhere, FindOptions.all(), rc).get("results");
        List<Object> values = new ArrayList<>();
        for (Object r : results) {
            Object v = valueAtPath((Map<String, Object>) r, key);
            if (v != null) {
                values.add(v);
            }
        }
        mergeList(constraint, into, values);
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(Map<String, Object> constraint, String op, List<Object> values) {
        if (constraint.get(op) instanceof List<?> existing) {
            List<Object> merged = new ArrayList<>((List<Object>) existing);
            merged.addAll(values);
            constraint.put(op, merged);
        } else {
            constraint.put(op, values);
        }
    }

    /**
     * {@code $relatedTo}: the members of one object's relation. As in Parse Server, a pointer without
     * an objectId (or no key) relates to nothing, and the members are listed only to a caller who may
     * read the owning object itself; otherwise nothing matches (so the query cannot even tell whether
     * an object is a member).
     */
    private void resolveRelatedTo(Map<String, Object> where, RequestContext rc) {
        Object rel = where.remove("$relatedTo");
        if (!(rel instanceof Map<?, ?> r)
                || !(r.get("object") instanceof Map<?, ?> obj)
                || !(obj.get("className") instanceof String owner)
                || obj.get("objectId") != null && !(obj.get("objectId") instanceof String)
                || r.get("key") != null && !(r.get("key") instanceof String)) {
            throw new ParseException(ParseError.INVALID_QUERY, "improper usage of $relatedTo");
        }
        String ownerId = (String) obj.get("objectId");
        String key = (String) r.get("key");
        List<Object> ids = new ArrayList<>();
        if (ownerId != null && key != null && ownerReadable(owner, ownerId, key, rc)) {
            String join = "_Join:" + key + ":" + owner;
            List<Map<String, Object>> rows = storage.find(
                    join,
                    SchemaController.joinSchema(join),
                    Map.of("owningId", ownerId),
                    QueryOptions.all().withKeys(List.of("relatedId")));
            rows.forEach(row -> ids.add(row.get("relatedId")));
        }
        restrictObjectIds(where, ids);
    }

    /**
     * Whether the caller may read the object owning a relation: a get of it through the read guard
     * (class-level permission, pointer permissions, ACL). A relation key the caller may not see on the
     * owning class is refused outright (119), as a where clause on it would be.
     */
    private boolean ownerReadable(String owner, String ownerId, String key, RequestContext rc) {
        Auth auth = rc.auth();
        if (auth.canReadEverything()) {
            return true;
        }
        guard.checkRelationKey(owner, schemas.find(owner), key, auth);
        Map<String, Object> byId = new LinkedHashMap<>();
        byId.put("objectId", ownerId);
        try {
            List<?> found = (List<?>) findWithoutTriggers(
                            owner,
                            byId,
                            FindOptions.all().withKeys(List.of("objectId")).withLimit(1),
                            rc)
                    .get("results");
            return !found.isEmpty();
        } catch (ParseException e) {
            if (e.code() == ParseError.OPERATION_FORBIDDEN
                    || e.code() == ParseError.OBJECT_NOT_FOUND
                    || e.code() == ParseError.INVALID_SESSION_TOKEN) {
                return false; // not allowed to read it is the same as not there
            }
            throw e;
        }
    }

    /** A constraint on a Relation field ({rel: pointer} or {rel: {$in: [...]}}) becomes an objectId constraint. */
    @SuppressWarnings("unchecked")
    private void resolveRelationField(ClassSchema schema, Map<String, Object> where, String key, RequestContext rc) {
        FieldType t = schema.field(key);
        if (t == null || !t.isRelation()) {
            return;
        }
        Object c = where.remove(key);
        List<Object> related = new ArrayList<>();
        boolean negate = false;
        if (c instanceof Map<?, ?> m && "Pointer".equals(m.get("__type"))) {
            related.add(m.get("objectId"));
        } else if (c instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                switch (String.valueOf(e.getKey())) {
                    case "$in", "$all" ->
                        ((List<Object>) e.getValue()).forEach(p -> related.add(((Map<?, ?>) p).get("objectId")));
                    case "$nin" -> {
                        negate = true;
                        ((List<Object>) e.getValue()).forEach(p -> related.add(((Map<?, ?>) p).get("objectId")));
                    }
                    case "$ne" -> {
                        negate = true;
                        related.add(((Map<?, ?>) e.getValue()).get("objectId"));
                    }
                    default ->
                        throw new ParseException(ParseError.INVALID_QUERY, "bad constraint on relation field " + key);
                }
            }
        }
        String join = "_Join:" + key + ":" + schema.className();
        List<Map<String, Object>> rows = storage.find(
                join,
                SchemaController.joinSchema(join),
                Map.of("relatedId", Map.of("$in", related)),
                QueryOptions.all().withKeys(List.of("owningId")));
        List<Object> owners = new ArrayList<>();
        rows.forEach(row -> owners.add(row.get("owningId")));
        if (negate) {
            Map<String, Object> idc = objectIdConstraint(where);
            mergeList(idc, "$nin", owners);
        } else {
            restrictObjectIds(where, owners);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectIdConstraint(Map<String, Object> where) {
        Object existing = where.get("objectId");
        Map<String, Object> c;
        if (existing instanceof Map<?, ?> m) {
            c = new LinkedHashMap<>((Map<String, Object>) m);
        } else {
            c = new LinkedHashMap<>();
            if (existing != null) {
                c.put("$eq", existing);
            }
        }
        where.put("objectId", c);
        return c;
    }

    /** objectId must be among ids (intersected with any $in/$eq already there). */
    @SuppressWarnings("unchecked")
    private static void restrictObjectIds(Map<String, Object> where, List<Object> ids) {
        Map<String, Object> c = objectIdConstraint(where);
        if (c.get("$in") instanceof List<?> existing) {
            List<Object> both = new ArrayList<>(ids);
            both.retainAll(existing);
            c.put("$in", both);
        } else {
            c.put("$in", ids);
        }
    }

    // ---- include ----

    private void includeAll(
            ClassSchema schema, List<Map<String, Object>> results, FindOptions options, RequestContext rc) {
        List<String> paths = new ArrayList<>();
        for (String inc : options.include()) {
            if ("*".equals(inc)) {
                schema.fields().forEach((k, v) -> {
                    if (v.isPointer()) {
                        paths.add(k);
                    }
                });
                continue;
            }
            String[] parts = inc.split("\\.");
            for (int i = 1; i <= parts.length; i++) {
                String prefix = String.join(".", Arrays.copyOfRange(parts, 0, i));
                if (!paths.contains(prefix)) {
                    paths.add(prefix);
                }
            }
        }
        if (options.includeAll()) {
            schema.fields().forEach((k, v) -> {
                if (v.isPointer() && !paths.contains(k)) {
                    paths.add(k);
                }
            });
        }
        paths.sort(Comparator.comparingInt(p -> p.split("\\.").length));
        for (String path : paths) {
            includePath(results, path, keysBelow(options.keys(), path), rc);
        }
    }

    /** For keys=a.b,a.c and path a, the included objects only need b and c. */
    private static List<String> keysBelow(List<String> keys, String path) {
        if (keys == null) {
            return null;
        }
        List<String> below = new ArrayList<>();
        for (String k : keys) {
            if (k.startsWith(path + ".")) {
                below.add(k.substring(path.length() + 1));
            }
        }
        return below.isEmpty() ? null : below;
    }

    /** Fetches every pointer at this path in all results with one query per target class. */
    @SuppressWarnings("unchecked")
    private void includePath(List<Map<String, Object>> results, String path, List<String> keys, RequestContext rc) {
        Map<String, Set<String>> idsByClass = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            collectPointers(r, path.split("\\."), 0, idsByClass);
        }
        if (idsByClass.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> fetched = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : idsByClass.entrySet()) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("objectId", Map.of("$in", new ArrayList<>(e.getValue())));
            FindOptions fo = FindOptions.all().withKeys(keys);
            // As in Parse Server, the included class's beforeFind and afterFind run for these reads.
            List<?> objs = (List<?>) self.get()
                    .find(new PipelineRequest.Find(e.getKey(), where, fo, rc))
                    .get("results");
            for (Object o : objs) {
                Map<String, Object> obj = (Map<String, Object>) o;
                obj.put("__type", "Object");
                obj.put("className", e.getKey());
                fetched.put(e.getKey() + "$" + obj.get("objectId"), obj);
            }
        }
        for (Map<String, Object> r : results) {
            replacePointers(r, path.split("\\."), 0, fetched);
        }
    }

    private static void collectPointers(Object node, String[] path, int i, Map<String, Set<String>> out) {
        if (node instanceof List<?> list) {
            list.forEach(n -> collectPointers(n, path, i, out));
            return;
        }
        if (!(node instanceof Map<?, ?> m)) {
            return;
        }
        Object v = m.get(path[i]);
        if (i == path.length - 1) {
            forEachPointer(
                    v,
                    p -> out.computeIfAbsent((String) p.get("className"), k -> new LinkedHashSet<>())
                            .add((String) p.get("objectId")));
        } else {
            collectPointers(v, path, i + 1, out);
        }
    }

    private static void forEachPointer(Object v, Consumer<Map<?, ?>> action) {
        if (v instanceof List<?> list) {
            list.forEach(x -> forEachPointer(x, action));
        } else if (v instanceof Map<?, ?> p
                && ("Pointer".equals(p.get("__type")) || "Object".equals(p.get("__type")))
                && p.get("className") instanceof String
                && p.get("objectId") instanceof String) {
            action.accept(p);
        }
    }

    @SuppressWarnings("unchecked")
    private static void replacePointers(Object node, String[] path, int i, Map<String, Map<String, Object>> fetched) {
        if (node instanceof List<?> list) {
            list.forEach(n -> replacePointers(n, path, i, fetched));
            return;
        }
        if (!(node instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        Object v = m.get(path[i]);
        if (i < path.length - 1) {
            replacePointers(v, path, i + 1, fetched);
            return;
        }
        if (v instanceof List<?> list) {
            List<Object> replaced = new ArrayList<>();
            for (Object x : list) {
                Object hit =
                        x instanceof Map<?, ?> p ? fetched.get(p.get("className") + "$" + p.get("objectId")) : null;
                if (hit != null) {
                    replaced.add(hit);
                } else if (!(x instanceof Map<?, ?> p2 && "Pointer".equals(p2.get("__type")))) {
                    replaced.add(x);
                }
            }
            m.put(path[i], replaced);
        } else if (v instanceof Map<?, ?> p && p.get("objectId") != null) {
            Map<String, Object> hit = fetched.get(p.get("className") + "$" + p.get("objectId"));
            if (hit != null) {
                m.put(path[i], hit);
            } else if ("Pointer".equals(p.get("__type"))) {
                m.remove(path[i]); // the pointee is gone (or unreadable): Parse drops the key
            }
        }
    }

    // ---- shaping ----

    private void shape(ClassSchema schema, Map<String, Object> o, FindOptions options, RequestContext rc) {
        o.keySet().removeIf(k -> k.startsWith("_"));
        Set<String> selected = options.keys() == null ? null : topLevel(options.keys());
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            if (f.getValue().isRelation() && (selected == null || selected.contains(f.getKey()))) {
                Map<String, Object> rel = new LinkedHashMap<>();
                rel.put("__type", "Relation");
                rel.put("className", f.getValue().targetClass());
                o.put(f.getKey(), rel);
            }
        }
        for (String ex : options.excludeKeys()) {
            if (!ALWAYS_SELECTED.contains(ex) || "ACL".equals(ex)) {
                o.remove(ex);
            }
        }
        expandFiles(o, rc.mountUrl());
    }

    private static Set<String> topLevel(List<String> keys) {
        Set<String> s = new LinkedHashSet<>();
        keys.forEach(k -> s.add(k.split("\\.", 2)[0]));
        return s;
    }

    @SuppressWarnings("unchecked")
    private void expandFiles(Object v, String mountUrl) {
        if (v instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            if ("File".equals(m.get("__type")) && m.get("name") instanceof String name) {
                if (m.get("url") == null && mountUrl != null) {
                    m.put(
                            "url",
                            mountUrl + "/files/" + config.appId() + "/"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                            .replace("+", "%20"));
                }
                return;
            }
            m.values().forEach(x -> expandFiles(x, mountUrl));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> expandFiles(x, mountUrl));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object valueAtPath(Map<String, Object> o, String path) {
        Object cur = o;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return cur;
    }

    static Map<String, Object> pointer(String className, String objectId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__type", "Pointer");
        p.put("className", className);
        p.put("objectId", objectId);
        return p;
    }

    /** A copy of a JSON-like value (maps and lists copied all the way down). */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, v) -> c.put(String.valueOf(k), deepCopy(v)));
            return (T) c;
        }
        if (value instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(v -> c.add(deepCopy(v)));
            return (T) c;
        }
        return value;
    }
}
