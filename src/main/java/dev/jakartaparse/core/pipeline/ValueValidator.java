package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.config.RequestKeywordDenylist;
import dev.jakartaparse.model.IsoDates;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks the values of a write before anything is stored: typed values ({@code __type}) must be
 * well formed, nested keys may not contain '$' or '.', operations must be well formed.
 */
public final class ValueValidator {
    private ValueValidator() {}

    public static void validateTopLevel(Map<String, Object> data, RequestKeywordDenylist denylist) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if ("__proto__".equals(e.getKey())) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid field name: __proto__.");
            }
        }
        RequestGuards.rejectProhibitedKeywords(data, denylist);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && m.get("__op") != null) {
                continue; // operations are checked by validateOperations / flattening
            }
            if ("ACL".equals(e.getKey())) {
                validateAcl(v);
                continue;
            }
            validateValue(v, 0);
        }
    }

    /** Update operations: Parse's messages for malformed ones. */
    public static void validateOperations(Map<String, Object> data) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> op) || op.get("__op") == null) {
                continue;
            }
            String name = String.valueOf(op.get("__op"));
            switch (name) {
                case "Increment" -> {
                    if (!(op.get("amount") instanceof Number)) {
                        throw new ParseException(ParseError.INVALID_JSON, "incrementing must provide a number");
                    }
                }
                case "Add", "AddUnique", "Remove" -> {
                    if (!(op.get("objects") instanceof List<?> objects)) {
                        throw new ParseException(
                                ParseError.INVALID_JSON,
                                "Remove".equals(name)
                                        ? "objects to remove must be an array"
                                        : "objects to add must be an array");
                    }
                    objects.forEach(o -> validateValue(o, 1));
                }
                case "Delete" -> {}
                default ->
                    throw new ParseException(
                            ParseError.COMMAND_UNAVAILABLE, "The " + name + " operator is not supported yet.");
            }
        }
    }

    private static void validateValue(Object v, int depth) {
        if (v instanceof Map<?, ?> m) {
            Object type = m.get("__type");
            if (type != null) {
                validateTyped(String.valueOf(type), m);
                return;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.contains("$") || key.contains(".")) {
                    throw new ParseException(
                            ParseError.INVALID_NESTED_KEY, "Nested keys should not contain the '$' or '.' characters");
                }
                validateValue(e.getValue(), depth + 1);
            }
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                validateValue(o, depth + 1);
            }
        }
    }

    private static void validateTyped(String type, Map<?, ?> m) {
        switch (type) {
            case "Date" -> {
                if (!(m.get("iso") instanceof String iso) || IsoDates.parseDate(iso) == null) {
                    throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid Date");
                }
            }
            case "GeoPoint" -> validateGeoPoint(m);
            case "Bytes" -> {
                if (!(m.get("base64") instanceof String b64) || !isBase64(b64)) {
                    throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid Bytes");
                }
            }
            case "Polygon" -> validatePolygon(m.get("coordinates"));
            case "Pointer" -> {
                if (!(m.get("className") instanceof String) || !(m.get("objectId") instanceof String)) {
                    throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid Pointer");
                }
            }
            case "File" -> {
                if (!(m.get("name") instanceof String)) {
                    throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid File");
                }
            }
            case "Relation", "Object" -> {}
            default -> throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid " + type);
        }
    }

    static void validateGeoPoint(Map<?, ?> m) {
        if (!(m.get("latitude") instanceof Number lat) || !(m.get("longitude") instanceof Number lng)) {
            throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid GeoPoint");
        }
        double la = lat.doubleValue();
        double lo = lng.doubleValue();
        if (Double.isNaN(la) || la < -90.0) {
            throw new ParseException(ParseError.INVALID_JSON, "GeoPoint latitude out of bounds: " + lat + " < -90.0.");
        }
        if (la > 90.0) {
            throw new ParseException(ParseError.INVALID_JSON, "GeoPoint latitude out of bounds: " + lat + " > 90.0.");
        }
        if (Double.isNaN(lo) || lo < -180.0) {
            throw new ParseException(
                    ParseError.INVALID_JSON, "GeoPoint longitude out of bounds: " + lng + " < -180.0.");
        }
        if (lo > 180.0) {
            throw new ParseException(ParseError.INVALID_JSON, "GeoPoint longitude out of bounds: " + lng + " > 180.0.");
        }
    }

    private static void validatePolygon(Object coordinates) {
        if (!(coordinates instanceof List<?> points)) {
            throw new ParseException(ParseError.INVALID_JSON, "Polygon must be an array of coordinates");
        }
        if (points.size() < 3) {
            throw new ParseException(ParseError.INVALID_JSON, "Polygon must have at least 3 values");
        }
        for (Object p : points) {
            if (!(p instanceof List<?> pair)
                    || pair.size() != 2
                    || !(pair.get(0) instanceof Number lat)
                    || !(pair.get(1) instanceof Number lng)) {
                throw new ParseException(
                        ParseError.INVALID_JSON, "bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
            }
            validateGeoPoint(Map.of("latitude", lat, "longitude", lng));
        }
    }

    private static void validateAcl(Object acl) {
        if (acl == null) {
            return;
        }
        if (!(acl instanceof Map<?, ?> m)) {
            throw new ParseException(ParseError.INVALID_ACL, "Invalid ACL.");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> perms)) {
                throw new ParseException(ParseError.INVALID_ACL, "Invalid ACL.");
            }
            for (Map.Entry<?, ?> p : perms.entrySet()) {
                boolean known = "read".equals(p.getKey()) || "write".equals(p.getKey());
                if (!known || !(p.getValue() instanceof Boolean)) {
                    throw new ParseException(ParseError.INVALID_ACL, "Invalid ACL.");
                }
            }
        }
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
