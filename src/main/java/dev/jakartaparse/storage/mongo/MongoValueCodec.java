package dev.jakartaparse.storage.mongo;

import dev.jakartaparse.model.IsoDates;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts single values between Parse's REST form and the BSON values Parse Server stores
 * (its MongoTransform "atoms"): Date -> BSON date, Pointer -> "Class$id" at top level,
 * GeoPoint -> [lng, lat], Polygon -> GeoJSON with a closed [lng, lat] ring, File -> its name,
 * Bytes -> BSON binary. Values nested inside objects and arrays keep Parse's "interior" form:
 * only Dates and Bytes change, Pointers/GeoPoints/Files stay {"__type":...} maps.
 */
public final class MongoValueCodec {
    private MongoValueCodec() {}

    /** Returned when a value is not an atom (a plain object or array) and must be handled by the caller. */
    static final Object CANNOT_TRANSFORM = new Object();

    // ---- dates ----

    /** Parse's ISO form: always UTC, always milliseconds. */
    public static String isoString(Date date) {
        return IsoDates.format(date.getTime());
    }

    public static Date parseIso(String iso) {
        Instant canonical = IsoDates.parseCanonical(iso); // the usual form, without the general parser
        if (canonical != null) {
            return Date.from(canonical);
        }
        try {
            return Date.from(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            try {
                return Date.from(OffsetDateTime.parse(iso).toInstant());
            } catch (DateTimeParseException e2) {
                throw new ParseException(ParseError.INVALID_JSON, "invalid date: " + iso);
            }
        }
    }

    public static Map<String, Object> restDate(Date date) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "Date");
        m.put("iso", isoString(date));
        return m;
    }

    static String typeOf(Object value) {
        if (value instanceof Map<?, ?> m && m.get("__type") instanceof String t) {
            return t;
        }
        return null;
    }

    // ---- REST -> Mongo ----

    /**
     * A top-level atom (Parse's transformTopLevelAtom): primitives as they are, typed values in
     * their stored form; {@link #CANNOT_TRANSFORM} for plain objects and arrays.
     */
    static Object topLevelAtom(Object atom) {
        if (atom == null || atom instanceof Boolean || atom instanceof String || atom instanceof Date) {
            return atom;
        }
        if (atom instanceof Number n) {
            return number(n);
        }
        if (atom instanceof Map<?, ?> m) {
            String type = typeOf(m);
            if (type == null) {
                return CANNOT_TRANSFORM;
            }
            switch (type) {
                case "Pointer":
                    return m.get("className") + "$" + m.get("objectId");
                case "Date":
                    return dateOf(m);
                case "Bytes":
                    return bytesOf(m);
                case "GeoPoint":
                    return geoPointToMongo(m);
                case "Polygon":
                    return polygonToMongo(m);
                case "File":
                    return m.get("name");
                default:
                    return CANNOT_TRANSFORM;
            }
        }
        return CANNOT_TRANSFORM;
    }

    /**
     * An atom inside an object or array (Parse's transformInteriorAtom): Dates and Bytes become
     * BSON, a Pointer is trimmed to {__type, className, objectId}, everything else is kept as is.
     */
    static Object interiorAtom(Object atom) {
        if (atom instanceof Number n) {
            return number(n);
        }
        if (atom instanceof Map<?, ?> m) {
            String type = typeOf(m);
            if ("Pointer".equals(type)) {
                Document p = new Document("__type", "Pointer");
                p.put("className", m.get("className"));
                p.put("objectId", m.get("objectId"));
                return p;
            }
            if ("Date".equals(type)) {
                return dateOf(m);
            }
            if ("Bytes".equals(type)) {
                return bytesOf(m);
            }
            if (type == null && m.containsKey("$regex")) {
                // $all with startsWith regexes: {"$regex": "^\\Qa\\E"}
                Object options = m.get("$options");
                return new BsonRegularExpression(
                        String.valueOf(m.get("$regex")), options == null ? null : String.valueOf(options));
            }
        }
        return atom;
    }

    /** A value inside an object or array, recursing (Parse's transformInteriorValue). */
    static Object interiorValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            checkNestedKeys(m);
            Object atom = interiorAtom(value);
            if (atom != value) {
                return atom;
            }
            if (m.containsKey("__op")) {
                return flattenOperator(m);
            }
            Document d = new Document();
            m.forEach((k, v) -> d.put(String.valueOf(k), interiorValue(v)));
            return d;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(interiorValue(o));
            }
            return out;
        }
        return interiorAtom(value);
    }

    /** An operation nested in an object is applied to nothing: Parse stores its "flattened" value. */
    private static Object flattenOperator(Map<?, ?> op) {
        String name = String.valueOf(op.get("__op"));
        return switch (name) {
            case "Delete" -> null;
            case "Increment", "SetOnInsert" -> op.get("amount");
            case "Add", "AddUnique" -> interiorValue(op.get("objects"));
            case "Remove" -> new ArrayList<>();
            default ->
                throw new ParseException(
                        ParseError.COMMAND_UNAVAILABLE, "The " + name + " operator is not supported yet.");
        };
    }

    static void checkNestedKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            String key = String.valueOf(k);
            if (key.contains("$") || key.contains(".")) {
                throw new ParseException(
                        ParseError.INVALID_NESTED_KEY, "Nested keys should not contain the '$' or '.' characters");
            }
        }
    }

    private static Object number(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        if (n instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : bi.doubleValue();
        }
        if (n instanceof Float f) {
            return f.doubleValue();
        }
        if (n instanceof Short || n instanceof Byte) {
            return n.intValue();
        }
        return n;
    }

    private static Date dateOf(Map<?, ?> m) {
        Object iso = m.get("iso");
        if (iso instanceof Date d) {
            return d;
        }
        if (!(iso instanceof String s)) {
            throw new ParseException(ParseError.INVALID_JSON, "invalid date: " + iso);
        }
        return parseIso(s);
    }

    private static Binary bytesOf(Map<?, ?> m) {
        Object b64 = m.get("base64");
        try {
            return new Binary(Base64.getDecoder().decode(String.valueOf(b64)));
        } catch (IllegalArgumentException e) {
            throw new ParseException(ParseError.INVALID_JSON, "invalid base64: " + b64);
        }
    }

    static List<Object> geoPointToMongo(Map<?, ?> m) {
        List<Object> p = new ArrayList<>(2);
        p.add(number((Number) m.get("longitude")));
        p.add(number((Number) m.get("latitude")));
        return p;
    }

    /** REST [[lat,lng],...] (open or closed ring) -> GeoJSON Polygon with a closed [[lng,lat],...] ring. */
    static Document polygonToMongo(Map<?, ?> m) {
        if (!(m.get("coordinates") instanceof List<?> coords) || coords.isEmpty()) {
            throw new ParseException(ParseError.INVALID_JSON, "bad Polygon: coordinates should be an array");
        }
        List<List<?>> ring = new ArrayList<>();
        for (Object c : coords) {
            if (!(c instanceof List<?> pt) || pt.size() != 2) {
                throw new ParseException(ParseError.INVALID_JSON, "bad Polygon: invalid coordinate " + c);
            }
            ring.add(pt);
        }
        List<?> first = ring.get(0);
        List<?> last = ring.get(ring.size() - 1);
        if (!sameNumber(first.get(0), last.get(0)) || !sameNumber(first.get(1), last.get(1))) {
            ring.add(first);
        }
        long distinct = ring.stream()
                .map(p -> toDouble(p.get(0)) + "," + toDouble(p.get(1)))
                .distinct()
                .count();
        if (distinct < 3) {
            throw new ParseException(
                    ParseError.INTERNAL_SERVER_ERROR, "GeoJSON: Loop must have at least 3 different vertices");
        }
        List<Object> lngLat = new ArrayList<>();
        for (List<?> p : ring) {
            lngLat.add(List.of(number((Number) p.get(1)), number((Number) p.get(0))));
        }
        return new Document("type", "Polygon").append("coordinates", List.of(lngLat));
    }

    private static boolean sameNumber(Object a, Object b) {
        return toDouble(a) == toDouble(b);
    }

    static double toDouble(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    // ---- Mongo -> REST ----

    /** A stored value inside an object, or of an untyped field, back in REST form. */
    public static Object nestedToRest(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Date d) {
            return restDate(d);
        }
        if (value instanceof Decimal128 dec) {
            return dec.bigDecimalValue();
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof Binary bin) {
            return restBytes(bin.getData());
        }
        if (value instanceof byte[] bytes) {
            return restBytes(bytes);
        }
        if (value instanceof ObjectId oid) {
            return oid.toHexString();
        }
        if (value instanceof BsonRegularExpression re) {
            return re.getPattern();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(nestedToRest(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), nestedToRest(v)));
            // a {"__type":"Date","iso": <BSON date>} written by old clients: make iso a string
            if ("Date".equals(out.get("__type"))
                    && out.get("iso") instanceof Map<?, ?> iso
                    && iso.get("iso") instanceof String s) {
                out.put("iso", s);
            }
            return out;
        }
        return value.toString();
    }

    static Map<String, Object> restBytes(byte[] bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "Bytes");
        m.put("base64", Base64.getEncoder().encodeToString(bytes));
        return m;
    }

    static Map<String, Object> restPointer(String className, String objectId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "Pointer");
        m.put("className", className);
        m.put("objectId", objectId);
        return m;
    }

    /** "Class$objectId" -> Pointer, or null if the string is not in that form. */
    static Map<String, Object> pointerFromString(String stored) {
        int i = stored.indexOf('$');
        if (i <= 0) {
            return null;
        }
        return restPointer(stored.substring(0, i), stored.substring(i + 1));
    }

    static boolean isStoredGeoPoint(Object v) {
        return v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number && l.get(1) instanceof Number;
    }

    static Map<String, Object> restGeoPoint(List<?> lngLat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "GeoPoint");
        m.put("latitude", lngLat.get(1));
        m.put("longitude", lngLat.get(0));
        return m;
    }

    static Map<String, Object> restPolygonOrNull(Object stored) {
        if (!(stored instanceof Map<?, ?> m)
                || !"Polygon".equals(m.get("type"))
                || !(m.get("coordinates") instanceof List<?> rings)
                || rings.isEmpty()
                || !(rings.get(0) instanceof List<?> ring)) {
            return null;
        }
        List<Object> latLng = new ArrayList<>();
        for (Object p : ring) {
            if (!isStoredGeoPoint(p)) {
                return null;
            }
            List<?> pt = (List<?>) p;
            List<Object> swapped = new ArrayList<>(2);
            swapped.add(pt.get(1));
            swapped.add(pt.get(0));
            latLng.add(swapped);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("__type", "Polygon");
        out.put("coordinates", latLng);
        return out;
    }

    static Map<String, Object> restFile(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("__type", "File");
        m.put("name", name);
        return m;
    }

    /** A raw BsonValue (e.g. from distinct) as the Java value the Document codec would give. */
    static Object fromBsonValue(BsonValue value) {
        BsonDocument wrapper = new BsonDocument("v", value);
        Document decoded = new DocumentCodec()
                .decode(
                        new BsonDocumentReader(wrapper),
                        DecoderContext.builder().build());
        return decoded.get("v");
    }

    /** Deep-copies REST maps/lists into Documents so the driver can encode them (no conversion of types). */
    static Object toBson(Object value) {
        if (value instanceof Document) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            Document d = new Document();
            m.forEach((k, v) -> d.put(String.valueOf(k), toBson(v)));
            return d;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(toBson(o));
            }
            return out;
        }
        if (value instanceof Number n) {
            return number(n);
        }
        return value;
    }
}
