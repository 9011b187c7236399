package dev.jakartaparse.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One class's schema: its fields (including the default ones), class-level permissions and
 * indexes, in the REST shape that {@code GET /schemas/<Class>} returns. Immutable; changes produce
 * a new instance.
 */
public record ClassSchema(
        String className,
        Map<String, FieldType> fields,
        Map<String, Object> classLevelPermissions,
        Map<String, Object> indexes) {

    public ClassSchema {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        classLevelPermissions = classLevelPermissions == null
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(classLevelPermissions));
        indexes = indexes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
    }

    public FieldType field(String name) {
        return fields.get(name);
    }

    public boolean hasField(String name) {
        return fields.containsKey(name);
    }

    public ClassSchema withFields(Map<String, FieldType> newFields) {
        return new ClassSchema(className, newFields, classLevelPermissions, indexes);
    }

    public ClassSchema withClassLevelPermissions(Map<String, Object> clp) {
        return new ClassSchema(className, fields, clp, indexes);
    }

    public ClassSchema withIndexes(Map<String, Object> newIndexes) {
        return new ClassSchema(className, fields, classLevelPermissions, newIndexes);
    }

    /** The REST shape: {className, fields:{...}, classLevelPermissions:{...}, indexes?:{...}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("className", className);
        Map<String, Object> f = new LinkedHashMap<>();
        fields.forEach((k, v) -> f.put(k, v.toJson()));
        out.put("fields", f);
        out.put(
                "classLevelPermissions",
                classLevelPermissions == null ? DefaultSchemas.defaultClassLevelPermissions() : classLevelPermissions);
        if (indexes != null && !indexes.isEmpty()) {
            out.put("indexes", indexes);
        }
        return out;
    }
}
