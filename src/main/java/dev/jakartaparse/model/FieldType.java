package dev.jakartaparse.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type of one field as Parse schemas describe it: String, Number, Boolean, Date, Object, Array,
 * GeoPoint, Polygon, File, Bytes, ACL, Pointer (with targetClass) or Relation (with targetClass).
 * {@code required} and {@code defaultValue} are the optional schema options Parse Server supports.
 */
public record FieldType(String type, String targetClass, Boolean required, Object defaultValue) {

    public static final FieldType STRING = of("String");
    public static final FieldType NUMBER = of("Number");
    public static final FieldType BOOLEAN = of("Boolean");
    public static final FieldType DATE = of("Date");
    public static final FieldType OBJECT = of("Object");
    public static final FieldType ARRAY = of("Array");
    public static final FieldType GEOPOINT = of("GeoPoint");
    public static final FieldType POLYGON = of("Polygon");
    public static final FieldType FILE = of("File");
    public static final FieldType BYTES = of("Bytes");
    public static final FieldType ACL = of("ACL");

    public static FieldType of(String type) {
        return new FieldType(type, null, null, null);
    }

    public static FieldType pointer(String targetClass) {
        return new FieldType("Pointer", targetClass, null, null);
    }

    public static FieldType relation(String targetClass) {
        return new FieldType("Relation", targetClass, null, null);
    }

    public boolean isPointer() {
        return "Pointer".equals(type);
    }

    public boolean isRelation() {
        return "Relation".equals(type);
    }

    /** Same type and target class, ignoring required/defaultValue (what type lock-in compares). */
    public boolean sameTypeAs(FieldType other) {
        return other != null
                && type.equals(other.type)
                && (targetClass == null ? other.targetClass == null : targetClass.equals(other.targetClass));
    }

    /** "Pointer<_User>" style name used in Parse's type mismatch messages. */
    public String describe() {
        return targetClass == null ? type : type + "<" + targetClass + ">";
    }

    /** The REST form: {"type":"Pointer","targetClass":"_User"} plus required/defaultValue when set. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (targetClass != null) {
            m.put("targetClass", targetClass);
        }
        if (required != null) {
            m.put("required", required);
        }
        if (defaultValue != null) {
            m.put("defaultValue", defaultValue);
        }
        return m;
    }
}
