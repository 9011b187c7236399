package dev.jakartaparse.core.query;

import dev.jakartaparse.model.IsoDates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Equality and ordering of Parse REST values the way MongoDB sees them once Parse Server has stored
 * them: Date maps are BSON dates, top-level pointers are {@code "Class$id"} strings, GeoPoints are
 * {@code [lng, lat]} arrays, Files are their name strings and Bytes are binary.
 */
final class ParseValues {
    private ParseValues() {}

    // BSON canonical type order (MongoDB "Comparison/Sort Order").
    static final int RANK_EMPTY_ARRAY = 0; // sort keys only: an empty array sorts before null
    static final int RANK_NULL = 1;
    static final int RANK_NUMBER = 2;
    static final int RANK_STRING = 3;
    static final int RANK_OBJECT = 4;
    static final int RANK_ARRAY = 5;
    static final int RANK_BINARY = 6;
    static final int RANK_BOOLEAN = 8;
    static final int RANK_DATE = 9;

    /** Sort key standing for an empty array (MongoDB sorts it below null). */
    static final Object EMPTY_ARRAY = new Object() {
        @Override
        public String toString() {
            return "[]";
        }
    };

    private static final double TWO_POW_53 = 9007199254740992d;

    /** The {@code __type} of a typed REST map, or null. */
    static String typeOf(Object value) {
        if (value instanceof Map<?, ?> map && map.get("__type") instanceof String type) {
            return type;
        }
        return null;
    }

    /** A Pointer, or an included (fetched) object standing for its pointer. */
    static boolean isPointerLike(Object value) {
        String type = typeOf(value);
        return ("Pointer".equals(type) || "Object".equals(type)) && ((Map<?, ?>) value).get("objectId") != null;
    }

    static Object objectId(Object pointer) {
        return ((Map<?, ?>) pointer).get("objectId");
    }

    static boolean isGeoPoint(Object value) {
        return "GeoPoint".equals(typeOf(value));
    }

    /** Instant of an Instant or a valid {@code {"__type":"Date","iso":...}} map; null otherwise. */
    static Instant asInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if ("Date".equals(typeOf(value)) && ((Map<?, ?>) value).get("iso") instanceof String iso) {
            return parseIso(iso);
        }
        return null;
    }

    /** A query operand in the form compared fastest: valid Date maps become Instants. */
    static Object canonical(Object value) {
        if ("Date".equals(typeOf(value))) {
            Instant instant = asInstant(value);
            return instant != null ? instant : value;
        }
        return value;
    }

    /** Parses what JavaScript's {@code new Date(iso)} accepts in practice; null when invalid. */
    static Instant parseIso(String iso) {
        Instant fast = IsoDates.parseCanonical(iso);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            // fall through to the less common shapes
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // not an offset date-time
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- equality

    /** MongoDB equality of two stored values (numbers across types, dates by instant, pointers by id). */
    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return compareNumbers(na, nb) == 0;
        }
        if (a instanceof String || b instanceof String || a instanceof Boolean || b instanceof Boolean) {
            return a.equals(b);
        }
        Instant ia = asInstant(a);
        Instant ib = asInstant(b);
        if (ia != null || ib != null) {
            return ia != null && ia.equals(ib);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return listsEqual(la, lb);
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            return mapsEqual(ma, mb);
        }
        return false;
    }

    private static boolean listsEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (isPointerLike(a) || isPointerLike(b)) {
            return isPointerLike(a)
                    && isPointerLike(b)
                    && a.get("objectId").equals(b.get("objectId"))
                    && Objects.equals(a.get("className"), b.get("className"));
        }
        String ta = typeOf(a);
        String tb = typeOf(b);
        if (ta != null && ta.equals(tb)) {
            switch (ta) {
                case "GeoPoint":
                    return equal(a.get("latitude"), b.get("latitude")) && equal(a.get("longitude"), b.get("longitude"));
                case "File":
                    return Objects.equals(a.get("name"), b.get("name"));
                case "Bytes":
                    return Objects.equals(a.get("base64"), b.get("base64"));
                case "Polygon":
                    return equal(a.get("coordinates"), b.get("coordinates"));
                case "Relation":
                    return Objects.equals(a.get("className"), b.get("className"));
                default:
                    break; // unknown type: compare as plain objects
            }
        }
        // Plain sub-documents: same keys, equal values. Key order is ignored on purpose: Parse Server
        // refuses object operands ("You cannot use ... as a query parameter"), so this rule is ours.
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : a.entrySet()) {
            Object other = b.get(e.getKey());
            if (other == null && !b.containsKey(e.getKey())) {
                return false;
            }
            if (!equal(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- ordering

    /** BSON type bracket of a value as MongoDB would store it. */
    static int rank(Object value) {
        if (value == null) {
            return RANK_NULL;
        }
        if (value == EMPTY_ARRAY) {
            return RANK_EMPTY_ARRAY;
        }
        if (value instanceof Number) {
            return RANK_NUMBER;
        }
        if (value instanceof String) {
            return RANK_STRING;
        }
        if (value instanceof Boolean) {
            return RANK_BOOLEAN;
        }
        if (value instanceof Instant) {
            return RANK_DATE;
        }
        if (value instanceof List) {
            return RANK_ARRAY;
        }
        String type = typeOf(value);
        if (type == null) {
            return RANK_OBJECT;
        }
        return switch (type) {
            case "Date" -> asInstant(value) != null ? RANK_DATE : RANK_OBJECT;
            case "Pointer", "Object" -> isPointerLike(value) ? RANK_STRING : RANK_OBJECT;
            case "File" -> ((Map<?, ?>) value).get("name") instanceof String ? RANK_STRING : RANK_OBJECT;
            case "GeoPoint" -> RANK_ARRAY;
            case "Bytes" -> ((Map<?, ?>) value).get("base64") instanceof String ? RANK_BINARY : RANK_OBJECT;
            default -> RANK_OBJECT;
        };
    }

    /** Total BSON order: first by type bracket, then within it. */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return compareSameRank(ra, a, b);
    }

    /** Order of two values already known to share the type bracket {@code rank}. */
    static int compareSameRank(int rank, Object a, Object b) {
        switch (rank) {
            case RANK_NUMBER:
                return compareNumbers((Number) a, (Number) b);
            case RANK_STRING:
                return compareStrings(stringForm(a), stringForm(b));
            case RANK_DATE:
                return asInstant(a).compareTo(asInstant(b));
            case RANK_BOOLEAN:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case RANK_ARRAY:
                return compareLists(listForm(a), listForm(b));
            case RANK_OBJECT:
                return compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
            case RANK_BINARY:
                return compareBinary(a, b);
            default:
                return 0; // null, empty array
        }
    }

    private static String stringForm(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Map<?, ?> map = (Map<?, ?>) value;
        if (isPointerLike(map)) {
            return map.get("className") + "$" + map.get("objectId"); // how _p_ columns are stored
        }
        return (String) map.get("name"); // File
    }

    private static List<?> listForm(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        Map<?, ?> point = (Map<?, ?>) value; // GeoPoint, stored as [lng, lat]
        return Arrays.asList(point.get("longitude"), point.get("latitude"));
    }

    /** Binary (UTF-8 byte) order, which is code point order. */
    static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1; // supplementary code points sort after the whole BMP
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareLists(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** BSON documents compare element by element: value type, then field name, then value. */
    private static int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<?, ?> ea = ia.next();
            Map.Entry<?, ?> eb = ib.next();
            int c = Integer.compare(rank(ea.getValue()), rank(eb.getValue()));
            if (c == 0) {
                c = compareStrings(String.valueOf(ea.getKey()), String.valueOf(eb.getKey()));
            }
            if (c == 0) {
                c = compare(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    /** BSON binary order: length first, then bytes unsigned. */
    private static int compareBinary(Object a, Object b) {
        byte[] ba = decodeBase64((String) ((Map<?, ?>) a).get("base64"));
        byte[] bb = decodeBase64((String) ((Map<?, ?>) b).get("base64"));
        if (ba.length != bb.length) {
            return Integer.compare(ba.length, bb.length);
        }
        return Arrays.compareUnsigned(ba, bb);
    }

    private static byte[] decodeBase64(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- numbers

    /**
     * Numeric order across Integer/Long/Double/BigInteger/BigDecimal; exact where doubles would lose
     * precision. NaN equals NaN and sorts below every other number, as in MongoDB.
     */
    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double da = a.doubleValue();
        double db = b.doubleValue();
        boolean nanA = Double.isNaN(da) && !(a instanceof BigDecimal) && !(a instanceof BigInteger);
        boolean nanB = Double.isNaN(db) && !(b instanceof BigDecimal) && !(b instanceof BigInteger);
        if (nanA || nanB) {
            return Boolean.compare(!nanA, !nanB);
        }
        if (Double.isInfinite(da) || Double.isInfinite(db) || (fitsDouble(a) && fitsDouble(b))) {
            return da < db ? -1 : (da > db ? 1 : 0); // also makes -0.0 equal 0.0
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** True when the double value of {@code n} is exact, so double comparison is safe. */
    private static boolean fitsDouble(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return true;
        }
        if (isIntegral(n)) {
            return Math.abs((double) n.longValue()) < TWO_POW_53;
        }
        return false;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.doubleValue());
    }

    /** The numeric value of a REST number, or NaN when it is not a number. */
    static double toDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
