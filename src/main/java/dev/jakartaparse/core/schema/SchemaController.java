package dev.jakartaparse.core.schema;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.SchemaChanged;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Schemas: cached per class, inferred on first write, type lock-in, and the /schemas operations.
 * The cache is read from storage on first use and updated on every change this server makes;
 * each such change is announced ({@link SchemaChanged}) so that other servers on the same store
 * drop theirs ({@link #invalidate()}), and with {@code schemaCacheTtl} it is read again when it
 * is that old.
 */
@ApplicationScoped
public class SchemaController {

    private final StorageAdapter storage;
    private final SchemaCache cache;
    private final Consumer<SchemaChanged> changed;

    /** For CDI's client proxy only. */
    protected SchemaController() {
        this.storage = null;
        this.cache = null;
        this.changed = null;
    }

    @Inject
    public SchemaController(StorageAdapter storage, ParseConfig config, Event<SchemaChanged> changes) {
        this(storage, config.schemaCacheTtlMillis(), System::currentTimeMillis, changes::fire);
    }

    /**
     * Wiring by hand (tests).
     *
     * @param ttlMillis schemaCacheTtl: how long cached schemas are trusted; 0: until invalidated
     * @param clock     the current time in milliseconds
     * @param changed   told of every schema change this controller makes in the store
     */
    public SchemaController(
            StorageAdapter storage, long ttlMillis, LongSupplier clock, Consumer<SchemaChanged> changed) {
        this.storage = storage;
        this.changed = changed;
        this.cache = new SchemaCache(this::readAll, ttlMillis, clock);
    }

    public StorageAdapter storage() {
        return storage;
    }

    private List<ClassSchema> readAll() {
        return storage.getAllClasses().stream().map(this::withDefaults).toList();
    }

    /** Forgets everything cached: another server changed a schema (or may have, unseen). */
    public void invalidate() {
        cache.invalidate();
    }

    private void announce(String className) {
        changed.accept(new SchemaChanged(className));
    }

    public Optional<ClassSchema> find(String className) {
        ClassSchema s = cache.get(className);
        if (s == null && DefaultSchemas.VOLATILE_CLASSES.contains(className)) {
            return Optional.of(emptySchema(className));
        }
        if (s == null && SchemaRules.classNameIsValid(className)) {
            // Another server (ours or Parse Server) on the same database may have created it since.
            long readAt = cache.version();
            s = storage.getClass(className).map(this::withDefaults).orElse(null);
            if (s != null) {
                cache.put(s, readAt);
            }
        }
        return Optional.ofNullable(s);
    }

    public List<ClassSchema> all() {
        return cache.all();
    }

    public boolean hasClass(String className) {
        return find(className).isPresent();
    }

    /** The schema of a class, or an empty one (default fields only) when it does not exist yet. */
    public ClassSchema schemaOrEmpty(String className) {
        return find(className).orElseGet(() -> emptySchema(className));
    }

    public static ClassSchema emptySchema(String className) {
        return new ClassSchema(className, DefaultSchemas.initialFields(className), null, null);
    }

    /** The schema of a join class _Join:field:Owner (owningId/relatedId). */
    public static ClassSchema joinSchema(String joinClassName) {
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put("relatedId", FieldType.STRING);
        f.put("owningId", FieldType.STRING);
        return new ClassSchema(joinClassName, f, null, null);
    }

    /** Creates the class with its default fields if it is not there yet. */
    public ClassSchema enforceClassExists(String className) {
        Optional<ClassSchema> existing = find(className);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!SchemaRules.classNameIsValid(className)) {
            throw new ParseException(ParseError.INVALID_JSON, "schema class name does not revalidate");
        }
        ClassSchema created = emptySchema(className);
        try {
            storage.createClass(created);
        } catch (ParseException e) {
            if (e.code() != ParseError.INVALID_CLASS_NAME && e.code() != ParseError.DUPLICATE_VALUE) {
                throw e;
            }
            // Another request created it at the same time: use what is stored.
            return reload(className);
        }
        ClassSchema stored = reload(className);
        announce(className);
        return stored;
    }

    private ClassSchema reload(String className) {
        long readAt = cache.version();
        ClassSchema s = storage.getClass(className)
                .map(this::withDefaults)
                .orElseThrow(() -> new ParseException(ParseError.INVALID_JSON, "Failed to add " + className));
        cache.put(s, readAt);
        return s;
    }

    /**
     * Checks a REST object (or update) against the schema of its class and adds the fields it
     * introduces; returns the schema after that. 111 on a type mismatch, 105 on a bad key.
     */
    public ClassSchema validateObject(String className, Map<String, Object> object) {
        return validateObject(className, object, null);
    }

    /**
     * As {@link #validateObject(String, Map)}, for a caller that needs the class-level addField
     * permission before a write may add a field (null: the server itself, always allowed).
     */
    /**
     * As {@link #validateObject(String, Map)}; {@code beforeNewField} runs before a field the class
     * does not have yet is added (the write guard's addField permission).
     */
    public ClassSchema validateObject(
            String className, Map<String, Object> object, Consumer<ClassSchema> beforeNewField) {
        ClassSchema schema = enforceClassExists(className);
        int geoPoints = 0;
        for (Object v : object.values()) {
            if (v != null && FieldType.GEOPOINT.equals(SchemaRules.typeOf(v))) {
                if (++geoPoints > 1) {
                    throw new ParseException(
                            ParseError.INCORRECT_TYPE, "there can only be one geopoint field in a class");
                }
            }
        }
        for (Map.Entry<String, Object> e : object.entrySet()) {
            if ("ACL".equals(e.getKey())) {
                continue;
            }
            FieldType expected = SchemaRules.typeOf(e.getValue());
            if (expected == null) {
                continue;
            }
            if (beforeNewField != null && schema.field(e.getKey().split("\\.", 2)[0]) == null) {
                beforeNewField.accept(schema);
            }
            schema = enforceFieldExists(schema, e.getKey(), expected);
        }
        return schema;
    }

    /** Adds the field with the given type, or checks that it already has that type. */
    public ClassSchema enforceFieldExists(ClassSchema schema, String fieldName, FieldType type) {
        String className = schema.className();
        String name = fieldName;
        FieldType t = type;
        int dot = fieldName.indexOf('.');
        if (dot > 0) {
            // "a.b" sets a key inside the object (or array element) a.
            name = fieldName.substring(0, dot);
            String rest = fieldName.substring(dot + 1);
            t = rest.chars().allMatch(Character::isDigit) ? FieldType.ARRAY : FieldType.OBJECT;
        }
        if (!SchemaRules.fieldNameIsValid(name, className)) {
            throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid field name: " + name + ".");
        }
        FieldType existing = schema.field(name);
        if (existing != null) {
            if (!existing.sameTypeAs(t)) {
                throw new ParseException(
                        ParseError.INCORRECT_TYPE,
                        "schema mismatch for " + className + "." + name + "; expected " + existing.describe()
                                + " but got " + t.describe());
            }
            return schema;
        }
        if (DefaultSchemas.VOLATILE_CLASSES.contains(className)) {
            // These classes have no _SCHEMA entry: their fields are fixed, as in Parse Server.
            throw new ParseException(ParseError.INVALID_JSON, "Could not add field " + name);
        }
        if (t.isRelation() || t.isPointer()) {
            SchemaRules.requireValidClassName(t.targetClass());
        }
        if (t.equals(FieldType.GEOPOINT)) {
            for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
                if ("GeoPoint".equals(f.getValue().type())) {
                    throw new ParseException(
                            ParseError.INCORRECT_TYPE, "there can only be one geopoint field in a class");
                }
            }
        }
        storage.addFieldIfNotExists(className, name, t);
        ClassSchema reloaded = reload(className);
        announce(className);
        FieldType stored = reloaded.field(name);
        if (stored != null && !stored.sameTypeAs(t)) {
            // Lost a race against a write that added the same field with another type.
            throw new ParseException(
                    ParseError.INCORRECT_TYPE,
                    "schema mismatch for " + className + "." + name + "; expected " + stored.describe() + " but got "
                            + t.describe());
        }
        return reloaded;
    }

    // ---- /schemas ----

    public ClassSchema createClass(
            String className, Map<String, Object> fields, Map<String, Object> clp, Map<String, Object> indexes) {
        if (cache.contains(className)) {
            throw new ParseException(ParseError.INVALID_CLASS_NAME, "Class " + className + " already exists.");
        }
        SchemaRules.requireValidClassName(className);
        Map<String, FieldType> all = DefaultSchemas.initialFields(className);
        Map<String, FieldType> added = parseNewFields(className, fields, Map.of());
        all.putAll(added);
        checkGeoPoints(all);
        ClassLevelPermissions.validate(clp, all);
        ClassSchema schema = new ClassSchema(className, all, clp, null);
        try {
            storage.createClass(schema);
        } catch (ParseException e) {
            if (e.code() == ParseError.DUPLICATE_VALUE) {
                throw new ParseException(ParseError.INVALID_CLASS_NAME, "Class " + className + " already exists.");
            }
            throw e;
        }
        if (indexes != null && !indexes.isEmpty()) {
            storage.updateIndexes(className, schema, indexes);
        }
        ClassSchema stored = reload(className);
        announce(className);
        return stored;
    }

    public ClassSchema updateClass(
            String className, Map<String, Object> fields, Map<String, Object> clp, Map<String, Object> indexes) {
        ClassSchema schema = find(className)
                .orElseThrow(() ->
                        new ParseException(ParseError.INVALID_CLASS_NAME, "Class " + className + " does not exist."));
        Map<String, FieldType> current = new LinkedHashMap<>(schema.fields());
        List<String> deletions = new ArrayList<>();
        Map<String, Object> additions = new LinkedHashMap<>();
        if (fields != null) {
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                boolean delete = e.getValue() instanceof Map<?, ?> m && "Delete".equals(m.get("__op"));
                if (current.containsKey(e.getKey()) && !delete) {
                    throw new ParseException(255, "Field " + e.getKey() + " exists, cannot update.");
                }
                if (!current.containsKey(e.getKey()) && delete) {
                    throw new ParseException(255, "Field " + e.getKey() + " does not exist, cannot delete.");
                }
                if (delete && DefaultSchemas.initialFields(className).containsKey(e.getKey())) {
                    throw new ParseException(136, "field " + e.getKey() + " cannot be changed");
                }
                if (delete) {
                    deletions.add(e.getKey());
                } else {
                    additions.put(e.getKey(), e.getValue());
                }
            }
        }
        Map<String, FieldType> next = new LinkedHashMap<>(current);
        deletions.forEach(next::remove);
        next.putAll(parseNewFields(className, additions, next));
        checkGeoPoints(next);
        Map<String, Object> newClp = clp != null ? clp : schema.classLevelPermissions();
        ClassLevelPermissions.validate(clp, next);
        if (!deletions.isEmpty()) {
            storage.deleteFields(className, schema, deletions);
            for (String d : deletions) {
                FieldType t = current.get(d);
                if (t != null && t.isRelation()) {
                    storage.deleteClass("_Join:" + d + ":" + className);
                }
            }
        }
        ClassSchema updated = new ClassSchema(className, next, newClp, schema.indexes());
        storage.updateClass(updated);
        if (indexes != null && !indexes.isEmpty()) {
            storage.updateIndexes(className, updated, indexes);
        }
        ClassSchema stored = reload(className);
        announce(className);
        return stored;
    }

    /** Deletes every object of the class, keeping the class (DELETE /purge/:className); nothing to do for no class. */
    public void purge(String className) {
        find(className).ifPresent(s -> {
            try {
                storage.deleteObjectsByQuery(className, s, new LinkedHashMap<>());
            } catch (ParseException e) {
                if (e.code() != ParseError.OBJECT_NOT_FOUND) {
                    throw e;
                }
            }
        });
    }

    public void deleteClass(String className) {
        SchemaRules.requireValidClassName(className);
        if (!hasClass(className)) {
            return;
        }
        ClassSchema schema = schemaOrEmpty(className);
        long n = storage.count(className, schema, Map.of(), null);
        if (n > 0) {
            throw new ParseException(
                    255, "Class " + className + " is not empty, contains " + n + " objects, cannot drop schema.");
        }
        storage.deleteClass(className);
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            if (f.getValue().isRelation()) {
                storage.deleteClass("_Join:" + f.getKey() + ":" + className);
            }
        }
        cache.remove(className);
        announce(className);
    }

    private static Map<String, FieldType> parseNewFields(
            String className, Map<String, Object> fields, Map<String, FieldType> existing) {
        Map<String, FieldType> out = new LinkedHashMap<>();
        if (fields == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String name = e.getKey();
            if (existing.containsKey(name)) {
                continue;
            }
            if (!SchemaRules.fieldNameIsValid(name, className)) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "invalid field name: " + name);
            }
            if (!SchemaRules.fieldNameIsValidForClass(name, className)) {
                throw new ParseException(136, "field " + name + " cannot be added");
            }
            FieldType t = SchemaRules.parseSchemaFieldType(e.getValue());
            if (t.defaultValue() != null) {
                FieldType dv = SchemaRules.typeOf(t.defaultValue());
                if (dv == null || !t.sameTypeAs(dv)) {
                    throw new ParseException(
                            ParseError.INCORRECT_TYPE,
                            "schema mismatch for " + className + "."
                                    + name + " default value; expected " + t.describe() + " but got "
                                    + (dv == null ? "null" : dv.describe()));
                }
            }
            if (t.isRelation() && (t.required() != null && t.required())) {
                throw new ParseException(
                        ParseError.INCORRECT_TYPE, "The 'required' option is not applicable for " + t.describe());
            }
            out.put(name, t);
        }
        return out;
    }

    private static void checkGeoPoints(Map<String, FieldType> fields) {
        List<String> geo = new ArrayList<>();
        fields.forEach((k, v) -> {
            if ("GeoPoint".equals(v.type())) {
                geo.add(k);
            }
        });
        if (geo.size() > 1) {
            throw new ParseException(
                    ParseError.INCORRECT_TYPE,
                    "currently, only one GeoPoint field may exist in an object. Adding " + geo.get(1) + " when "
                            + geo.get(0) + " already exists.");
        }
    }

    /** Stored schemas may lack default fields (written by older servers): fill them in, defaults first. */
    private ClassSchema withDefaults(ClassSchema s) {
        Map<String, FieldType> f = DefaultSchemas.initialFields(s.className());
        f.putAll(s.fields());
        Map<String, Object> idx = s.indexes();
        return new ClassSchema(s.className(), f, s.classLevelPermissions(), idx);
    }
}
