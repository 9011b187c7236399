package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.bson.BsonRegularExpression;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parse where clause -> Mongo filter, following Parse Server's transformWhere/transformConstraint:
 * objectId -> _id, createdAt/updatedAt -> _created_at/_updated_at (ISO strings become dates),
 * pointers -> _p_field with "Class$id" values, geo and $text constraints in their Mongo forms.
 */
public final class MongoQueryTransform {
    private MongoQueryTransform() {}

    private static final Pattern KEY_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.]*$");
    private static final Pattern AUTH_DATA_ID = Pattern.compile("^authData\\.([a-zA-Z0-9_]+)\\.id$");
    private static final Pattern REGEX_OPTIONS = Pattern.compile("^[imxsu]+$");

    /** Internal columns the core may query on (Parse's special query keys). */
    private static final Set<String> SPECIAL_KEYS = Set.of(
            "_rperm",
            "_wperm",
            "_perishable_token",
            "_email_verify_token",
            "_email_verify_token_expires_at",
            "_account_lockout_expires_at",
            "_failed_login_count",
            "_perishable_token_expires_at",
            "_password_changed_at",
            "_hashed_password",
            "_session_token",
            "_id",
            "_created_at",
            "_updated_at",
            "_password_history",
            "_tombstone");

    private static final Set<String> DATE_KEYS = Set.of(
            "expiresAt",
            "_email_verify_token_expires_at",
            "_account_lockout_expires_at",
            "_perishable_token_expires_at",
            "_password_changed_at");

    public static Document toMongoWhere(String className, ClassSchema schema, Map<String, Object> where) {
        return toMongoWhere(className, schema, where, false);
    }

    /**
     * @param count true for a count: $nearSphere becomes $geoWithin/$centerSphere there, as a count
     *              cannot sort by distance
     */
    public static Document toMongoWhere(
            String className, ClassSchema schema, Map<String, Object> where, boolean count) {
        Document out = new Document();
        if (where == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : where.entrySet()) {
            transformKeyValue(out, className, schema, e.getKey(), e.getValue(), count);
        }
        return out;
    }

    private static void transformKeyValue(
            Document out, String className, ClassSchema schema, String key, Object value, boolean count) {
        switch (key) {
            case "$or", "$and", "$nor" -> {
                if (!(value instanceof List<?> branches) || ("$nor".equals(key) && branches.isEmpty())) {
                    throw new ParseException(
                            ParseError.INVALID_QUERY,
                            "$nor".equals(key)
                                    ? "Bad $nor format - use an array of at least 1 value."
                                    : "Bad " + key + " format - use an array value.");
                }
                List<Object> sub = new ArrayList<>();
                for (Object branch : branches) {
                    if (!(branch instanceof Map<?, ?> m)) {
                        throw new ParseException(
                                ParseError.INVALID_QUERY, "Bad " + key + " format - use an array value.");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> w = (Map<String, Object>) m;
                    sub.add(toMongoWhere(className, schema, w, count));
                }
                appendList(out, key, sub);
                return;
            }
            case "objectId" -> {
                out.put("_id", idValue(className, value));
                return;
            }
            case "createdAt", "updatedAt" -> {
                String stored = "createdAt".equals(key) ? "_created_at" : "_updated_at";
                if (value instanceof String s) {
                    out.put(stored, MongoValueCodec.parseIso(s));
                } else {
                    putConstraintOrAtom(out, schema, stored, key, value, count);
                }
                return;
            }
            case "sessionToken" -> {
                out.put("_session_token", MongoValueCodec.toBson(value));
                return;
            }
            case "lastUsed" -> {
                if (value instanceof String s) {
                    out.put("_last_used", MongoValueCodec.parseIso(s));
                } else {
                    putConstraintOrAtom(out, schema, "_last_used", key, value, count);
                }
                return;
            }
            case "timesUsed" -> {
                out.put("times_used", MongoValueCodec.toBson(value));
                return;
            }
            case "_rperm", "_wperm" -> {
                out.put(key, permConstraint(value));
                return;
            }
            default -> {}
        }
        Matcher auth = AUTH_DATA_ID.matcher(key);
        if (auth.matches()) {
            out.put("_auth_data_" + auth.group(1) + ".id", MongoValueCodec.toBson(value));
            return;
        }
        if (!KEY_NAME.matcher(key).matches() && !SPECIAL_KEYS.contains(key)) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
        }
        if (DATE_KEYS.contains(key) && value instanceof String s) {
            out.put(key, MongoValueCodec.parseIso(s));
            return;
        }
        String stored = MongoTransform.isPointer(schema, key) ? "_p_" + key : key;
        putConstraintOrAtom(out, schema, stored, key, value, count);
    }

    /**
     * Parse matches objects without _rperm/_wperm (public ones) by putting null in the $in list;
     * it is added here when the core's list lacks it.
     */
    private static Object permConstraint(Object value) {
        if (value instanceof Map<?, ?> m && m.get("$in") instanceof List<?> in) {
            List<Object> values = new ArrayList<>(in);
            if (!values.contains(null)) {
                values.add(0, null);
            }
            Document d = new Document();
            m.forEach((k, v) -> d.put(String.valueOf(k), MongoValueCodec.toBson(v)));
            d.put("$in", values);
            return d;
        }
        return MongoValueCodec.toBson(value);
    }

    private static Object idValue(String className, Object value) {
        if (value instanceof Map<?, ?> m) {
            Document d = new Document();
            m.forEach((k, v) -> {
                if (v instanceof List<?> l) {
                    List<Object> ids = new ArrayList<>();
                    l.forEach(x -> ids.add(MongoTransform.objectIdValue(className, x)));
                    d.put(String.valueOf(k), ids);
                } else if (v instanceof String) {
                    d.put(String.valueOf(k), MongoTransform.objectIdValue(className, v));
                } else if ("$regex".equals(k) || "$options".equals(k)) {
                    d.put(String.valueOf(k), v);
                } else {
                    d.put(String.valueOf(k), MongoValueCodec.toBson(v));
                }
            });
            return d;
        }
        return MongoTransform.objectIdValue(className, value);
    }

    private static void putConstraintOrAtom(
            Document out, ClassSchema schema, String stored, String restKey, Object value, boolean count) {
        FieldType field = MongoTransform.fieldType(schema, restKey);
        if (isConstraint(value)) {
            @SuppressWarnings("unchecked")
            Document constraint = transformConstraint((Map<String, Object>) value, field, restKey, count);
            Object text = constraint.remove("$text");
            if (text != null) {
                out.put("$text", text);
            }
            Object elemMatch = constraint.remove("$elemMatch");
            if (elemMatch != null) {
                // $containedBy: "no element outside the list"
                appendList(out, "$nor", List.of(new Document(stored, new Document("$elemMatch", elemMatch))));
            }
            if (!constraint.isEmpty()) {
                out.put(stored, constraint);
            } else if (text == null && elemMatch == null) {
                out.put(stored, constraint);
            }
            return;
        }
        boolean isArrayField = field != null && "Array".equals(field.type());
        if (isArrayField && !(value instanceof List<?>)) {
            out.put(stored, new Document("$all", List.of(MongoValueCodec.interiorAtom(value))));
            return;
        }
        if (value instanceof List<?> list) {
            // equality with a whole array
            List<Object> arr = new ArrayList<>();
            for (Object o : list) {
                arr.add(MongoValueCodec.interiorValue(o));
            }
            out.put(stored, arr);
            return;
        }
        Object atom =
                restKey.indexOf('.') > 0 ? MongoValueCodec.interiorAtom(value) : MongoValueCodec.topLevelAtom(value);
        if (atom == MongoValueCodec.CANNOT_TRANSFORM) {
            throw new ParseException(
                    ParseError.INVALID_JSON, "You cannot use " + jsString(value) + " as a query parameter.");
        }
        if (field != null && field.isPointer() && atom instanceof String s && !s.contains("$")) {
            atom = field.targetClass() + "$" + s;
        }
        out.put(stored, atom instanceof Map<?, ?> m ? MongoValueCodec.toBson(m) : atom);
    }

    private static String jsString(Object value) {
        return value instanceof Map<?, ?> ? "[object Object]" : String.valueOf(value);
    }

    /** A map whose keys all start with '$' is a constraint; anything else ({"__type"...}, objects) is a value. */
    static boolean isConstraint(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.isEmpty()) {
            return false;
        }
        for (Object k : m.keySet()) {
            if (!String.valueOf(k).startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    private static void appendList(Document out, String key, List<?> items) {
        @SuppressWarnings("unchecked")
        List<Object> existing = (List<Object>) out.get(key);
        if (existing == null) {
            out.put(key, new ArrayList<>(items));
        } else {
            existing.addAll(items);
        }
    }

    /** One field's constraint map ({"$gt":1,"$lt":5} ...) in Mongo form. */
    static Document transformConstraint(Map<String, Object> constraint, FieldType field, String key, boolean count) {
        boolean interior = (field != null && "Array".equals(field.type())) || key.indexOf('.') > 0;
        Document answer = new Document();
        // Reverse order as Parse does: $regex before $options, $nearSphere before $maxDistance.
        TreeSet<String> keys = new TreeSet<>(Comparator.reverseOrder());
        keys.addAll(constraint.keySet());
        for (String op : keys) {
            Object val = constraint.get(op);
            switch (op) {
                case "$lt", "$lte", "$gt", "$gte", "$exists", "$ne", "$eq" -> {
                    if (val instanceof Map<?, ?> m && m.containsKey("$relativeTime")) {
                        answer.put(op, relativeTime(op, m.get("$relativeTime"), field));
                    } else {
                        answer.put(op, atom(val, field, interior));
                    }
                }
                case "$in", "$nin" -> {
                    if (!(val instanceof List<?> list)) {
                        throw new ParseException(ParseError.INVALID_JSON, "bad " + op + " value");
                    }
                    List<Object> values = new ArrayList<>();
                    for (Object item : list) {
                        if (item instanceof List<?> nested) {
                            for (Object n : nested) {
                                values.add(atom(n, field, interior));
                            }
                        } else {
                            values.add(atom(item, field, interior));
                        }
                    }
                    answer.put(op, values);
                }
                case "$all" -> {
                    if (!(val instanceof List<?> list)) {
                        throw new ParseException(ParseError.INVALID_JSON, "bad $all value");
                    }
                    List<Object> values = new ArrayList<>();
                    int regexes = 0;
                    for (Object item : list) {
                        Object a = MongoValueCodec.interiorAtom(item);
                        if (a instanceof BsonRegularExpression) {
                            regexes++;
                        }
                        values.add(a);
                    }
                    if (regexes > 0 && regexes < values.size()) {
                        throw new ParseException(
                                ParseError.INVALID_JSON, "All $all values must be of regex type or none: " + list);
                    }
                    answer.put(op, values);
                }
                case "$regex" -> {
                    if (!(val instanceof String)) {
                        throw new ParseException(ParseError.INVALID_JSON, "bad regex: " + val);
                    }
                    answer.put(op, val);
                }
                case "$options" -> {
                    if (!(val instanceof String opts)) {
                        throw new ParseException(ParseError.INVALID_QUERY, "$options value must be a string");
                    }
                    if (!REGEX_OPTIONS.matcher(opts).matches()) {
                        throw new ParseException(ParseError.INVALID_QUERY, "Bad $options value for query: " + opts);
                    }
                    answer.put(op, opts);
                }
                case "$containedBy" -> {
                    if (!(val instanceof List<?> list)) {
                        throw new ParseException(ParseError.INVALID_JSON, "bad $containedBy: should be an array");
                    }
                    List<Object> values = new ArrayList<>();
                    for (Object item : list) {
                        values.add(atom(item, field, interior));
                    }
                    answer.put("$elemMatch", new Document("$nin", values));
                }
                case "$text" -> answer.put("$text", textSearch(val));
                case "$nearSphere" -> {
                    List<Object> point = geoPoint(val, "bad $nearSphere value");
                    if (count) {
                        Double radians = maxDistance(constraint);
                        if (radians != null) {
                            answer.put("$geoWithin", new Document("$centerSphere", List.of(point, radians)));
                        } else {
                            answer.put("$exists", true);
                        }
                    } else {
                        answer.put("$nearSphere", point);
                    }
                }
                case "$maxDistance", "$maxDistanceInRadians", "$maxDistanceInMiles", "$maxDistanceInKilometers" -> {
                    if (!count) {
                        answer.put("$maxDistance", maxDistance(Map.of(op, val)));
                    }
                }
                case "$select", "$dontSelect" ->
                    throw new ParseException(
                            ParseError.COMMAND_UNAVAILABLE, "the " + op + " constraint is not supported yet");
                case "$within" -> {
                    Object box = val instanceof Map<?, ?> m ? m.get("$box") : null;
                    if (!(box instanceof List<?> corners) || corners.size() != 2) {
                        throw new ParseException(ParseError.INVALID_JSON, "malformatted $within arg");
                    }
                    answer.put(
                            "$geoWithin",
                            new Document(
                                    "$box",
                                    List.of(
                                            geoPoint(corners.get(0), "malformatted $within arg"),
                                            geoPoint(corners.get(1), "malformatted $within arg"))));
                }
                case "$geoWithin" -> answer.put("$geoWithin", geoWithin(val));
                case "$geoIntersects" -> {
                    Object point = val instanceof Map<?, ?> m ? m.get("$point") : null;
                    List<Object> p = geoPoint(point, "bad $geoIntersect value; $point should be GeoPoint");
                    answer.put(
                            "$geoIntersects",
                            new Document("$geometry", new Document("type", "Point").append("coordinates", p)));
                }
                default -> throw new ParseException(ParseError.INVALID_JSON, "bad constraint: " + op);
            }
        }
        return answer;
    }

    private static Object atom(Object value, FieldType field, boolean interior) {
        Object result = interior ? MongoValueCodec.interiorAtom(value) : MongoValueCodec.topLevelAtom(value);
        if (result == MongoValueCodec.CANNOT_TRANSFORM) {
            throw new ParseException(ParseError.INVALID_JSON, "bad atom: " + value);
        }
        if (!interior && field != null && field.isPointer() && value instanceof String s) {
            return field.targetClass() + "$" + s;
        }
        if (result instanceof Map<?, ?> m && !(result instanceof Document)) {
            return MongoValueCodec.toBson(m);
        }
        return result;
    }

    private static Double maxDistance(Map<String, Object> constraint) {
        if (constraint.get("$maxDistance") instanceof Number n) {
            return n.doubleValue();
        }
        if (constraint.get("$maxDistanceInRadians") instanceof Number n) {
            return n.doubleValue();
        }
        if (constraint.get("$maxDistanceInMiles") instanceof Number n) {
            return n.doubleValue() / 3959;
        }
        if (constraint.get("$maxDistanceInKilometers") instanceof Number n) {
            return n.doubleValue() / 6371;
        }
        return null;
    }

    /** A GeoPoint ({__type:GeoPoint} or [lng,lat]) as [lng, lat]. */
    private static List<Object> geoPoint(Object value, String error) {
        if (value instanceof Map<?, ?> m
                && m.get("latitude") instanceof Number lat
                && m.get("longitude") instanceof Number lng) {
            validateLatLng(lat.doubleValue(), lng.doubleValue());
            return List.of(lng, lat);
        }
        if (value instanceof List<?> l
                && l.size() == 2
                && l.get(0) instanceof Number lng
                && l.get(1) instanceof Number lat) {
            validateLatLng(lat.doubleValue(), lng.doubleValue());
            return List.of(lng, lat);
        }
        throw new ParseException(ParseError.INVALID_JSON, error);
    }

    private static void validateLatLng(double lat, double lng) {
        if (lat < -90 || lat > 90) {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "GeoPoint latitude out of bounds: " + lat + (lat < -90 ? " < -90.0." : " > 90.0."));
        }
        if (lng < -180 || lng > 180) {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "GeoPoint longitude out of bounds: " + lng + (lng < -180 ? " < -180.0." : " > 180.0."));
        }
    }

    private static Document geoWithin(Object val) {
        if (!(val instanceof Map<?, ?> m)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $geoWithin value");
        }
        Object polygon = m.get("$polygon");
        Object centerSphere = m.get("$centerSphere");
        if (polygon != null) {
            List<?> points;
            if (polygon instanceof Map<?, ?> p && "Polygon".equals(p.get("__type"))) {
                if (!(p.get("coordinates") instanceof List<?> c) || c.size() < 3) {
                    throw new ParseException(
                            ParseError.INVALID_JSON,
                            "bad $geoWithin value; Polygon.coordinates should contain at least 3 lon/lat pairs");
                }
                points = c;
            } else if (polygon instanceof List<?> l) {
                if (l.size() < 3) {
                    throw new ParseException(
                            ParseError.INVALID_JSON,
                            "bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
                }
                points = l;
            } else {
                throw new ParseException(
                        ParseError.INVALID_JSON,
                        "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's");
            }
            List<Object> out = new ArrayList<>();
            for (Object point : points) {
                // Parse passes [x, y] pairs through as they are and converts GeoPoints to [lng, lat].
                if (point instanceof List<?> pair && pair.size() == 2) {
                    out.add(MongoValueCodec.toBson(pair));
                } else {
                    out.add(geoPoint(point, "bad $geoWithin value"));
                }
            }
            return new Document("$polygon", out);
        }
        if (centerSphere != null) {
            if (!(centerSphere instanceof List<?> cs) || cs.size() < 2) {
                throw new ParseException(
                        ParseError.INVALID_JSON,
                        "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance");
            }
            List<Object> center = geoPoint(cs.get(0), "bad $geoWithin value; $centerSphere geo point invalid");
            if (!(cs.get(1) instanceof Number distance)
                    || distance.doubleValue() < 0
                    || Double.isNaN(distance.doubleValue())) {
                throw new ParseException(
                        ParseError.INVALID_JSON, "bad $geoWithin value; $centerSphere distance invalid");
            }
            return new Document("$centerSphere", List.of(center, distance.doubleValue()));
        }
        if (m.get("$box") != null) {
            Object box = m.get("$box");
            if (!(box instanceof List<?> corners) || corners.size() != 2) {
                throw new ParseException(ParseError.INVALID_JSON, "malformatted $within arg");
            }
            return new Document(
                    "$box",
                    List.of(
                            geoPoint(corners.get(0), "malformatted $within arg"),
                            geoPoint(corners.get(1), "malformatted $within arg")));
        }
        throw new ParseException(ParseError.INVALID_JSON, "bad $geoWithin value");
    }

    private static Document textSearch(Object val) {
        Object search = val instanceof Map<?, ?> m ? m.get("$search") : null;
        if (!(search instanceof Map<?, ?> s)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $search, should be object");
        }
        if (!(s.get("$term") instanceof String term) || term.isEmpty()) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $term, should be string");
        }
        Document text = new Document("$search", term);
        Object language = s.get("$language");
        if (language != null && !(language instanceof String)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $language, should be string");
        } else if (language != null && !((String) language).isEmpty()) {
            text.put("$language", language);
        }
        Object cs = s.get("$caseSensitive");
        if (cs != null && !(cs instanceof Boolean)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $caseSensitive, should be boolean");
        } else if (Boolean.TRUE.equals(cs)) {
            text.put("$caseSensitive", true);
        }
        Object ds = s.get("$diacriticSensitive");
        if (ds != null && !(ds instanceof Boolean)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $diacriticSensitive, should be boolean");
        } else if (Boolean.TRUE.equals(ds)) {
            text.put("$diacriticSensitive", true);
        }
        return text;
    }

    // ---- $relativeTime ----

    private static Date relativeTime(String op, Object text, FieldType field) {
        if (field != null && !"Date".equals(field.type())) {
            throw new ParseException(ParseError.INVALID_JSON, "$relativeTime can only be used with Date field");
        }
        if ("$exists".equals(op) || "$ne".equals(op) || "$eq".equals(op)) {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "$relativeTime can only be used with the $lt, $lte, $gt, and $gte operators");
        }
        return RelativeTime.toDate(String.valueOf(text), new Date(), op);
    }
}
