package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure translation between Parse's REST object form and Parse Server's MongoDB document layout
 * (the rules of Parse Server's MongoTransform.js): objects for create, updates, documents read back,
 * projections and sorts. Where clauses are in {@link MongoQueryTransform}, aggregate pipelines in
 * {@link MongoAggregateTransform}.
 *
 * <p>Private auth fields come back under their stored names ({@code _hashed_password},
 * {@code _email_verify_token}, {@code _perishable_token}, {@code _failed_login_count},
 * {@code _password_history}, ... with dates as {"__type":"Date"}) exactly as Parse Server's adapter
 * returns them: the core must strip them before anything reaches a client. {@code _session_token} comes
 * back as {@code sessionToken}; {@code _auth_data_<provider>} as {@code authData.<provider>} (on _User).
 */
public final class MongoTransform {
    private MongoTransform() {}

    /** Classes whose objectId is stored as an integer _id (Parse's singleton config documents). */
    private static final Set<String> INT_ID_CLASSES = Set.of("_GlobalConfig", "_GraphQLConfig");

    /** Stored under their own name, converted to a BSON date when given as a string. */
    private static final Set<String> TIME_FIELDS = Set.of(
            "expiresAt",
            "_email_verify_token_expires_at",
            "_account_lockout_expires_at",
            "_perishable_token_expires_at",
            "_password_changed_at");

    /** Stored as given, no type conversion. */
    private static final Set<String> RAW_FIELDS = Set.of(
            "_failed_login_count",
            "_rperm",
            "_wperm",
            "_email_verify_token",
            "_hashed_password",
            "_perishable_token",
            "_password_history",
            "_tombstone");

    private static final Pattern AUTH_DATA_KEY = Pattern.compile("^_auth_data_([a-zA-Z0-9_]+)$");

    // ---- keys ----

    /** A REST field name as stored (Parse's transformKey). */
    public static String mongoKey(ClassSchema schema, String field) {
        switch (field) {
            case "objectId":
                return "_id";
            case "createdAt":
                return "_created_at";
            case "updatedAt":
                return "_updated_at";
            case "sessionToken":
                return "_session_token";
            case "lastUsed":
                return "_last_used";
            case "timesUsed":
                return "times_used";
            default:
                return isPointer(schema, field) ? "_p_" + field : field;
        }
    }

    static boolean isPointer(ClassSchema schema, String field) {
        FieldType t = schema == null ? null : schema.field(field);
        return t != null && t.isPointer();
    }

    static FieldType fieldType(ClassSchema schema, String field) {
        return schema == null ? null : schema.field(field);
    }

    static Object objectIdValue(String className, Object value) {
        if (INT_ID_CLASSES.contains(className) && value instanceof String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    // ---- create ----

    /** A REST object (with createdAt/updatedAt/ACL) as the document Parse Server would insert. */
    public static Document toMongoForCreate(String className, ClassSchema schema, Map<String, Object> rest) {
        Document doc = new Document();
        for (Map.Entry<String, Object> e : rest.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if ("Relation".equals(MongoValueCodec.typeOf(value))) {
                continue;
            }
            switch (key) {
                case "objectId" -> doc.put("_id", objectIdValue(className, value));
                case "createdAt" -> doc.put("_created_at", asDate(value));
                case "updatedAt" -> doc.put("_updated_at", asDate(value));
                case "sessionToken" -> doc.put("_session_token", value);
                case "ACL" -> putAcl(doc, value);
                case "authData" -> {
                    if ("_User".equals(className) && value instanceof Map<?, ?> providers) {
                        providers.forEach((p, data) -> {
                            if (data != null) {
                                doc.put("_auth_data_" + p, MongoValueCodec.interiorValue(data));
                            }
                        });
                    } else {
                        putCreateValue(doc, schema, key, value);
                    }
                }
                default -> {
                    if (TIME_FIELDS.contains(key)) {
                        doc.put(key, asDateOrNull(value));
                    } else if (RAW_FIELDS.contains(key)
                            || AUTH_DATA_KEY.matcher(key).matches()) {
                        doc.put(key, MongoValueCodec.toBson(value));
                    } else {
                        putCreateValue(doc, schema, key, value);
                    }
                }
            }
        }
        return doc;
    }

    private static void putCreateValue(Document doc, ClassSchema schema, String key, Object value) {
        // A null pointer is stored under the plain name (Parse only prefixes non-null values).
        String storedKey = value != null
                        && !"Bytes".equals(MongoValueCodec.typeOf(value))
                        && (isPointer(schema, key) || "Pointer".equals(MongoValueCodec.typeOf(value)))
                ? "_p_" + key
                : key;
        Object atom = MongoValueCodec.topLevelAtom(value);
        if (atom != MongoValueCodec.CANNOT_TRANSFORM) {
            doc.put(storedKey, atom);
        } else if (value instanceof List<?>) {
            doc.put(storedKey, MongoValueCodec.interiorValue(value));
        } else {
            MongoValueCodec.checkNestedKeys((Map<?, ?>) value);
            doc.put(storedKey, MongoValueCodec.interiorValue(value));
        }
    }

    private static Date asDate(Object value) {
        Object d = asDateOrNull(value);
        if (!(d instanceof Date date)) {
            throw new ParseException(ParseError.INVALID_JSON, "invalid date: " + value);
        }
        return date;
    }

    private static Object asDateOrNull(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return MongoValueCodec.parseIso(s);
        }
        Object atom = MongoValueCodec.topLevelAtom(value);
        return atom == MongoValueCodec.CANNOT_TRANSFORM ? MongoValueCodec.toBson(value) : atom;
    }

    /** REST ACL -> _rperm/_wperm and the legacy _acl ({id:{w:true,r:true}}, writers first as Parse does). */
    static void putAcl(Document doc, Object acl) {
        List<String> rperm = new ArrayList<>();
        List<String> wperm = new ArrayList<>();
        if (acl instanceof Map<?, ?> entries) {
            entries.forEach((who, perms) -> {
                if (perms instanceof Map<?, ?> p) {
                    if (Boolean.TRUE.equals(p.get("read"))) {
                        rperm.add(String.valueOf(who));
                    }
                    if (Boolean.TRUE.equals(p.get("write"))) {
                        wperm.add(String.valueOf(who));
                    }
                }
            });
        }
        doc.put("_wperm", wperm);
        doc.put("_rperm", rperm);
        doc.put("_acl", legacyAcl(rperm, wperm));
    }

    static Document legacyAcl(List<?> rperm, List<?> wperm) {
        Document acl = new Document();
        for (Object w : wperm) {
            acl.put(String.valueOf(w), new Document("w", true));
        }
        for (Object r : rperm) {
            Document entry = (Document) acl.get(String.valueOf(r));
            if (entry == null) {
                acl.put(String.valueOf(r), new Document("r", true));
            } else {
                entry.put("r", true);
            }
        }
        return acl;
    }

    // ---- update ----

    /**
     * A REST update (plain values and {"__op":...} operations) as a Mongo update document
     * ($set/$unset/$inc/$push/$addToSet/$pullAll/$setOnInsert).
     */
    public static Document toMongoUpdate(String className, ClassSchema schema, Map<String, Object> update) {
        Document out = new Document();
        for (Map.Entry<String, Object> e : update.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if ("Relation".equals(MongoValueCodec.typeOf(value))) {
                continue;
            }
            if ("ACL".equals(key)) {
                if (value == null || isDeleteOp(value)) {
                    for (String k : List.of("_rperm", "_wperm", "_acl")) {
                        section(out, "$unset").put(k, "");
                    }
                } else {
                    Document acl = new Document();
                    putAcl(acl, value);
                    section(out, "$set").putAll(acl);
                }
                continue;
            }
            if (("_rperm".equals(key) || "_wperm".equals(key)) && value instanceof List<?> perms) {
                section(out, "$set").put(key, new ArrayList<>(perms));
                continue;
            }
            if ("authData".equals(key) && "_User".equals(className) && value instanceof Map<?, ?> providers) {
                providers.forEach((p, data) -> {
                    if (data == null || isDeleteOp(data)) {
                        section(out, "$unset").put("_auth_data_" + p, "");
                    } else {
                        section(out, "$set").put("_auth_data_" + p, MongoValueCodec.interiorValue(data));
                    }
                });
                continue;
            }
            putUpdateValue(out, className, schema, key, value);
        }
        // Parse keeps _acl in step with _rperm/_wperm when they are set directly.
        Document set = (Document) out.get("$set");
        if (set != null
                && !set.containsKey("_acl")
                && (set.containsKey("_rperm") || set.containsKey("_wperm"))
                && set.get("_rperm") instanceof List<?> r
                && set.get("_wperm") instanceof List<?> w) {
            set.put("_acl", legacyAcl(r, w));
        }
        return out;
    }

    private static void putUpdateValue(
            Document out, String className, ClassSchema schema, String restKey, Object value) {
        String key = restKey;
        boolean timeField = false;
        switch (restKey) {
            case "objectId", "_id" -> key = "_id";
            case "createdAt", "_created_at" -> {
                key = "_created_at";
                timeField = true;
            }
            case "updatedAt", "_updated_at" -> {
                key = "_updated_at";
                timeField = true;
            }
            case "sessionToken", "_session_token" -> key = "_session_token";
            case "expiresAt", "_expiresAt" -> {
                key = "expiresAt";
                timeField = true;
            }
            case "lastUsed", "_last_used" -> {
                key = "_last_used";
                timeField = true;
            }
            case "timesUsed" -> key = "times_used";
            default -> timeField = TIME_FIELDS.contains(restKey);
        }
        boolean dotted = key.indexOf('.') > 0;
        if (!dotted
                && value != null
                && (isPointer(schema, key)
                        || (fieldType(schema, key) == null && "Pointer".equals(MongoValueCodec.typeOf(value))))) {
            key = "_p_" + key;
        } else if (!dotted && value == null && isPointer(schema, key)) {
            key = "_p_" + key;
        }
        if ("_id".equals(key)) {
            value = objectIdValue(className, value);
        }
        if (value instanceof Map<?, ?> m && m.containsKey("__op") && m.get("__type") == null) {
            putOperator(out, key, m);
            return;
        }
        Object stored;
        if (dotted) {
            stored = MongoValueCodec.interiorValue(value);
        } else {
            Object atom = MongoValueCodec.topLevelAtom(value);
            if (atom != MongoValueCodec.CANNOT_TRANSFORM) {
                stored = timeField && atom instanceof String s ? MongoValueCodec.parseIso(s) : atom;
            } else if (value instanceof List<?>) {
                stored = MongoValueCodec.interiorValue(value);
            } else {
                MongoValueCodec.checkNestedKeys((Map<?, ?>) value);
                stored = MongoValueCodec.interiorValue(value);
            }
        }
        section(out, "$set").put(key, stored);
    }

    private static void putOperator(Document out, String key, Map<?, ?> op) {
        String name = String.valueOf(op.get("__op"));
        switch (name) {
            case "Delete" -> section(out, "$unset").put(key, "");
            case "Increment" -> {
                if (!(op.get("amount") instanceof Number amount)) {
                    throw new ParseException(ParseError.INVALID_JSON, "incrementing must provide a number");
                }
                section(out, "$inc").put(key, MongoValueCodec.toBson(amount));
            }
            case "SetOnInsert" ->
                section(out, "$setOnInsert").put(key, MongoValueCodec.interiorValue(op.get("amount")));
            case "Add", "AddUnique" -> {
                if (!(op.get("objects") instanceof List<?> objects)) {
                    throw new ParseException(ParseError.INVALID_JSON, "objects to add must be an array");
                }
                section(out, "Add".equals(name) ? "$push" : "$addToSet")
                        .put(key, new Document("$each", interiorAtoms(objects)));
            }
            case "Remove" -> {
                if (!(op.get("objects") instanceof List<?> objects)) {
                    throw new ParseException(ParseError.INVALID_JSON, "objects to remove must be an array");
                }
                section(out, "$pullAll").put(key, interiorAtoms(objects));
            }
            default ->
                throw new ParseException(
                        ParseError.COMMAND_UNAVAILABLE, "The " + name + " operator is not supported yet.");
        }
    }

    private static List<Object> interiorAtoms(List<?> objects) {
        List<Object> out = new ArrayList<>(objects.size());
        for (Object o : objects) {
            out.add(MongoValueCodec.interiorValue(o));
        }
        return out;
    }

    private static boolean isDeleteOp(Object value) {
        return value instanceof Map<?, ?> m && "Delete".equals(m.get("__op"));
    }

    private static Document section(Document update, String op) {
        Document d = (Document) update.get(op);
        if (d == null) {
            d = new Document();
            update.put(op, d);
        }
        return d;
    }

    // ---- read ----

    /** A stored document back in REST form (Parse's mongoObjectToParseObject plus the ACL untransform). */
    public static Map<String, Object> toRest(String className, ClassSchema schema, Map<String, Object> doc) {
        Map<String, Object> rest = new LinkedHashMap<>();
        Object rperm = doc.get("_rperm");
        Object wperm = doc.get("_wperm");
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "_id" ->
                    rest.put("objectId", value instanceof ObjectId oid ? oid.toHexString() : String.valueOf(value));
                case "_rperm", "_wperm", "_acl" -> {}
                case "_session_token" -> rest.put("sessionToken", value);
                case "_created_at", "createdAt" -> putIso(rest, "createdAt", value);
                case "_updated_at", "updatedAt" -> putIso(rest, "updatedAt", value);
                case "_last_used", "lastUsed" -> putIso(rest, "lastUsed", value);
                case "times_used", "timesUsed" -> rest.put("timesUsed", value);
                case "expiresAt", "_expiresAt" ->
                    rest.put(
                            "expiresAt",
                            value instanceof Date d
                                    ? MongoValueCodec.restDate(d)
                                    : MongoValueCodec.nestedToRest(value));
                case "authData" -> {
                    // On _User authData is synthesized from _auth_data_* keys only (as Parse does).
                    if (!"_User".equals(className)) {
                        rest.put("authData", MongoValueCodec.nestedToRest(value));
                    }
                }
                default -> putReadValue(rest, className, schema, key, value);
            }
        }
        Map<String, Object> acl = restAcl(rperm, wperm, doc.get("_acl"));
        if (acl != null) {
            rest.put("ACL", acl);
        }
        if (schema != null) {
            schema.fields().forEach((name, type) -> {
                if (type.isRelation()) {
                    Map<String, Object> rel = new LinkedHashMap<>();
                    rel.put("__type", "Relation");
                    rel.put("className", type.targetClass());
                    rest.put(name, rel);
                }
            });
        }
        return rest;
    }

    private static void putReadValue(
            Map<String, Object> rest, String className, ClassSchema schema, String key, Object value) {
        if (RAW_FIELDS.contains(key) || TIME_FIELDS.contains(key)) {
            rest.put(key, MongoValueCodec.nestedToRest(value));
            return;
        }
        Matcher auth = AUTH_DATA_KEY.matcher(key);
        if (auth.matches() && "_User".equals(className)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> authData =
                    (Map<String, Object>) rest.computeIfAbsent("authData", k -> new LinkedHashMap<String, Object>());
            authData.put(auth.group(1), MongoValueCodec.nestedToRest(value));
            return;
        }
        if (key.startsWith("_p_")) {
            String field = key.substring(3);
            FieldType type = fieldType(schema, field);
            // Parse drops pointer columns its schema says are not pointers; an unknown column is kept.
            if (value instanceof String s && (type == null || type.isPointer())) {
                Map<String, Object> pointer = MongoValueCodec.pointerFromString(s);
                if (pointer != null) {
                    rest.put(field, pointer);
                }
            }
            return;
        }
        if (key.startsWith("_")) {
            return; // other private columns are never returned
        }
        FieldType type = fieldType(schema, key);
        if (type != null) {
            switch (type.type()) {
                case "File" -> {
                    if (value instanceof String name) {
                        rest.put(key, MongoValueCodec.restFile(name));
                        return;
                    }
                }
                case "GeoPoint" -> {
                    if (MongoValueCodec.isStoredGeoPoint(value)) {
                        rest.put(key, MongoValueCodec.restGeoPoint((List<?>) value));
                        return;
                    }
                }
                case "Polygon" -> {
                    Map<String, Object> polygon = MongoValueCodec.restPolygonOrNull(value);
                    if (polygon != null) {
                        rest.put(key, polygon);
                        return;
                    }
                }
                case "Bytes" -> {
                    if (value instanceof String b64) {
                        rest.put(
                                key,
                                MongoValueCodec.restBytes(Base64.getDecoder().decode(b64)));
                        return;
                    }
                }
                default -> {}
            }
        }
        rest.put(key, MongoValueCodec.nestedToRest(value));
    }

    private static void putIso(Map<String, Object> rest, String key, Object value) {
        if (value instanceof Date d) {
            rest.put(key, MongoValueCodec.isoString(d));
        } else if (value instanceof String s) {
            rest.put(key, MongoValueCodec.isoString(MongoValueCodec.parseIso(s)));
        } else if (value != null) {
            rest.put(key, MongoValueCodec.nestedToRest(value));
        }
    }

    /** ACL from _rperm/_wperm (as Parse's untransformObjectACL); from the legacy _acl when neither exists. */
    static Map<String, Object> restAcl(Object rperm, Object wperm, Object legacy) {
        if (rperm == null && wperm == null) {
            if (legacy instanceof Map<?, ?> old) {
                Map<String, Object> acl = new LinkedHashMap<>();
                old.forEach((who, p) -> {
                    if (p instanceof Map<?, ?> perms) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        if (Boolean.TRUE.equals(perms.get("r"))) {
                            entry.put("read", true);
                        }
                        if (Boolean.TRUE.equals(perms.get("w"))) {
                            entry.put("write", true);
                        }
                        if (!entry.isEmpty()) {
                            acl.put(String.valueOf(who), entry);
                        }
                    }
                });
                return acl.isEmpty() ? null : acl;
            }
            return null;
        }
        Map<String, Object> acl = new LinkedHashMap<>();
        if (rperm instanceof List<?> readers) {
            for (Object r : readers) {
                entry(acl, r).put("read", true);
            }
        }
        if (wperm instanceof List<?> writers) {
            for (Object w : writers) {
                entry(acl, w).put("write", true);
            }
        }
        return acl;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> acl, Object who) {
        return (Map<String, Object>) acl.computeIfAbsent(String.valueOf(who), k -> new LinkedHashMap<String, Object>());
    }

    // ---- projection and sort ----

    /** The key Parse uses, in keys and in the sort, for a $text query's score (answered as "score"). */
    public static final String TEXT_SCORE = "$score";

    /**
     * The Mongo projection for REST keys, or null for "all fields". ACL reads _rperm/_wperm; _id is
     * excluded unless objectId is asked for (Parse does the same). Returns null when a key cannot be
     * projected by name (authData on _User is spread over _auth_data_* columns).
     */
    public static Document toMongoProjection(String className, ClassSchema schema, List<String> keys) {
        if (keys == null) {
            return null;
        }
        Document projection = new Document();
        for (String key : keys) {
            if ("ACL".equals(key)) {
                projection.put("_rperm", 1);
                projection.put("_wperm", 1);
            } else if ("authData".equals(key) && "_User".equals(className)) {
                return null;
            } else if (TEXT_SCORE.equals(key)) {
                projection.put("score", new Document("$meta", "textScore"));
            } else if (!key.isEmpty()) {
                projection.put(mongoKey(schema, key), 1);
            }
        }
        if (!projection.containsKey("_id")) {
            projection.put("_id", 0);
        }
        return projection;
    }

    /** Keeps only the requested keys of a REST object (the in-memory equivalent of a projection). */
    public static Map<String, Object> restrictToKeys(Map<String, Object> rest, ClassSchema schema, List<String> keys) {
        if (keys == null) {
            return rest;
        }
        Set<String> top = new LinkedHashSet<>();
        for (String k : keys) {
            int dot = k.indexOf('.');
            top.add(dot > 0 ? k.substring(0, dot) : k);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        rest.forEach((k, v) -> {
            FieldType t = fieldType(schema, k);
            if (top.contains(k) || (t != null && t.isRelation())) {
                out.put(k, v);
            }
        });
        return out;
    }

    public static Document toMongoSort(ClassSchema schema, Map<String, Integer> sort) {
        Document out = new Document();
        if (sort == null) {
            return out;
        }
        sort.forEach((field, dir) -> {
            if (TEXT_SCORE.equals(field)) {
                out.put("score", new Document("$meta", "textScore"));
            } else {
                out.put(mongoKey(schema, field), dir == null || dir >= 0 ? 1 : -1);
            }
        });
        return out;
    }
}
