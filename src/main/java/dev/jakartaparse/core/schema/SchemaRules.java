package dev.jakartaparse.core.schema;

import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parse Server's naming and typing rules for classes and fields, as pure functions. */
public final class SchemaRules {
    private static final Pattern CLASS_AND_FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern JOIN_CLASS = Pattern.compile("^_Join:[A-Za-z0-9_]+:[A-Za-z0-9_]+");
    private static final Set<String> INVALID_COLUMNS = Set.of("length");
    private static final Set<String> PLAIN_TYPES =
            Set.of("Number", "String", "Boolean", "Date", "Object", "Array", "GeoPoint", "File", "Bytes", "Polygon");

    private SchemaRules() {}

    public static boolean classNameIsValid(String className) {
        return DefaultSchemas.isSystemClass(className)
                || JOIN_CLASS.matcher(className).find()
                || fieldNameIsValid(className, className);
    }

    public static boolean fieldNameIsValid(String fieldName, String className) {
        if (className != null && !"_Hooks".equals(className) && "className".equals(fieldName)) {
            return false;
        }
        return CLASS_AND_FIELD.matcher(fieldName).matches() && !INVALID_COLUMNS.contains(fieldName);
    }

    /** Valid and not one of the fields the class has by default (which /schemas may not add). */
    public static boolean fieldNameIsValidForClass(String fieldName, String className) {
        return fieldNameIsValid(fieldName, className)
                && !DefaultSchemas.DEFAULT_FIELD_NAMES.contains(fieldName)
                && !DefaultSchemas.systemFields(className).containsKey(fieldName);
    }

    public static String invalidClassNameMessage(String className) {
        return "Invalid classname: " + className
                + ", classnames can only have alphanumeric characters and _, and must start with an alpha character ";
    }

    public static void requireValidClassName(String className) {
        if (!classNameIsValid(className)) {
            throw new ParseException(ParseError.INVALID_CLASS_NAME, invalidClassNameMessage(className));
        }
    }

    /** Checks a type given to /schemas: {"type":"Pointer","targetClass":"X"} etc. */
    public static FieldType parseSchemaFieldType(Object spec) {
        if (!(spec instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            throw new ParseException(ParseError.INVALID_JSON, "invalid JSON");
        }
        Object target = m.get("targetClass");
        if ("Pointer".equals(type) || "Relation".equals(type)) {
            if (target == null) {
                throw new ParseException(135, "type " + type + " needs a class name");
            }
            if (!(target instanceof String t)) {
                throw new ParseException(ParseError.INVALID_JSON, "invalid JSON");
            }
            requireValidClassName(t);
            return new FieldType(type, t, bool(m.get("required")), m.get("defaultValue"));
        }
        if (!PLAIN_TYPES.contains(type)) {
            throw new ParseException(ParseError.INCORRECT_TYPE, "invalid field type: " + type);
        }
        return new FieldType(type, null, bool(m.get("required")), m.get("defaultValue"));
    }

    private static Boolean bool(Object o) {
        return o instanceof Boolean b ? b : null;
    }

    /**
     * The schema type a REST value implies (Parse's getType), or null when the value says nothing
     * about the type (null, a Delete operation).
     */
    public static FieldType typeOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        if (value instanceof String) {
            return FieldType.STRING;
        }
        if (value instanceof Number) {
            return FieldType.NUMBER;
        }
        if (value instanceof List<?>) {
            return FieldType.ARRAY;
        }
        if (value instanceof Map<?, ?> m) {
            return typeOfObject(m);
        }
        throw new ParseException(ParseError.INCORRECT_TYPE, "bad obj: " + value);
    }

    private static FieldType typeOfObject(Map<?, ?> obj) {
        Object t = obj.get("__type");
        if (t != null) {
            String type = String.valueOf(t);
            switch (type) {
                case "Pointer" -> {
                    if (obj.get("className") instanceof String c) {
                        return FieldType.pointer(c);
                    }
                }
                case "Relation" -> {
                    if (obj.get("className") instanceof String c) {
                        return FieldType.relation(c);
                    }
                }
                case "File" -> {
                    if (truthy(obj.get("name"))) {
                        return FieldType.FILE;
                    }
                }
                case "Date" -> {
                    if (truthy(obj.get("iso"))) {
                        return FieldType.DATE;
                    }
                }
                case "GeoPoint" -> {
                    if (obj.get("latitude") != null && obj.get("longitude") != null) {
                        return FieldType.GEOPOINT;
                    }
                }
                case "Bytes" -> {
                    if (truthy(obj.get("base64"))) {
                        return FieldType.BYTES;
                    }
                }
                case "Polygon" -> {
                    if (obj.get("coordinates") != null) {
                        return FieldType.POLYGON;
                    }
                }
                default -> {}
            }
            throw new ParseException(ParseError.INCORRECT_TYPE, "This is not a valid " + type);
        }
        Object op = obj.get("__op");
        if (op != null) {
            switch (String.valueOf(op)) {
                case "Increment":
                    return FieldType.NUMBER;
                case "Delete":
                    return null;
                case "Add", "AddUnique", "Remove":
                    return FieldType.ARRAY;
                case "AddRelation", "RemoveRelation": {
                    if (obj.get("objects") instanceof List<?> l
                            && !l.isEmpty()
                            && l.get(0) instanceof Map<?, ?> p
                            && p.get("className") instanceof String c) {
                        return FieldType.relation(c);
                    }
                    throw new ParseException(ParseError.INVALID_JSON, "objects to add/remove must be pointers");
                }
                case "Batch": {
                    if (obj.get("ops") instanceof List<?> l && !l.isEmpty()) {
                        return typeOf(l.get(0));
                    }
                    throw new ParseException(ParseError.INVALID_JSON, "Batch ops must be an array");
                }
                default:
                    throw new ParseException(
                            ParseError.COMMAND_UNAVAILABLE, "The " + op + " operator is not supported yet.");
            }
        }
        return FieldType.OBJECT;
    }

    private static boolean truthy(Object o) {
        return o != null && !"".equals(o) && !Boolean.FALSE.equals(o);
    }

    /** Parse's "Pointer<_User>" style, used in type mismatch messages. */
    public static String typeToString(FieldType t) {
        return t.describe();
    }
}
