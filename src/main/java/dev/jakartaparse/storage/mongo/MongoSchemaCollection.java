package dev.jakartaparse.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code _SCHEMA} collection, in Parse Server's format: one document per class,
 * {@code {_id: className, objectId:"string", updatedAt:"date", createdAt:"date", field: "number" |
 * "*Target" | "relation<Target>" ..., _metadata: {class_permissions, indexes, fields_options}}}.
 * ACL is never stored (every class has it); neither are _User's password/_hashed_password.
 */
public final class MongoSchemaCollection {
    public static final String NAME = "_SCHEMA";

    private static final Set<String> NON_FIELD_KEYS = Set.of("_id", "_metadata", "_client_permissions");

    private final MongoCollection<Document> collection;

    public MongoSchemaCollection(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    // ---- pure conversions ----

    /** Parse's parseFieldTypeToMongoFieldType. */
    public static String toMongoFieldType(FieldType type) {
        return switch (type.type()) {
            case "Pointer" -> "*" + type.targetClass();
            case "Relation" -> "relation<" + type.targetClass() + ">";
            case "Number" -> "number";
            case "String" -> "string";
            case "Boolean" -> "boolean";
            case "Date" -> "date";
            case "Object" -> "object";
            case "Array" -> "array";
            case "GeoPoint" -> "geopoint";
            case "File" -> "file";
            case "Bytes" -> "bytes";
            case "Polygon" -> "polygon";
            case "ACL" -> "acl";
            default -> type.type().toLowerCase();
        };
    }

    /** Parse's mongoFieldToParseSchemaField; null for a value that is not a type string. */
    public static FieldType fromMongoFieldType(Object stored) {
        if (!(stored instanceof String type) || type.isEmpty()) {
            return null;
        }
        if (type.startsWith("*")) {
            return FieldType.pointer(type.substring(1));
        }
        if (type.startsWith("relation<") && type.endsWith(">")) {
            return FieldType.relation(type.substring("relation<".length(), type.length() - 1));
        }
        return switch (type) {
            case "number" -> FieldType.NUMBER;
            case "string" -> FieldType.STRING;
            case "boolean" -> FieldType.BOOLEAN;
            case "date" -> FieldType.DATE;
            case "map", "object" -> FieldType.OBJECT;
            case "array" -> FieldType.ARRAY;
            case "geopoint" -> FieldType.GEOPOINT;
            case "file" -> FieldType.FILE;
            case "bytes" -> FieldType.BYTES;
            case "polygon" -> FieldType.POLYGON;
            case "acl" -> FieldType.ACL;
            default -> null;
        };
    }

    /** Fields that every class has or that Parse keeps out of _SCHEMA. */
    private static boolean storedInSchema(String className, String field) {
        if ("ACL".equals(field) || "_rperm".equals(field) || "_wperm".equals(field)) {
            return false;
        }
        return !("_User".equals(className) && ("password".equals(field) || "_hashed_password".equals(field)));
    }

    /** A ClassSchema as its _SCHEMA document. */
    public static Document toMongoSchema(ClassSchema schema) {
        Document doc = new Document("_id", schema.className());
        doc.put("objectId", "string");
        doc.put("updatedAt", "date");
        doc.put("createdAt", "date");
        Document fieldOptions = new Document();
        schema.fields().forEach((name, type) -> {
            if (!storedInSchema(schema.className(), name)) {
                return;
            }
            doc.put(name, toMongoFieldType(type));
            Document options = fieldOptions(type);
            if (!options.isEmpty()) {
                fieldOptions.put(name, options);
            }
        });
        Document metadata = new Document();
        if (!fieldOptions.isEmpty()) {
            metadata.put("fields_options", fieldOptions);
        }
        if (schema.classLevelPermissions() != null) {
            metadata.put("class_permissions", MongoValueCodec.toBson(schema.classLevelPermissions()));
        }
        if (schema.indexes() != null && !schema.indexes().isEmpty()) {
            metadata.put("indexes", MongoValueCodec.toBson(schema.indexes()));
        }
        if (!metadata.isEmpty()) {
            doc.put("_metadata", metadata);
        }
        return doc;
    }

    private static Document fieldOptions(FieldType type) {
        Document options = new Document();
        if (type.required() != null) {
            options.put("required", type.required());
        }
        if (type.defaultValue() != null) {
            options.put("defaultValue", MongoValueCodec.toBson(type.defaultValue()));
        }
        return options;
    }

    /**
     * A _SCHEMA document as a ClassSchema: the default fields (objectId, createdAt, updatedAt, ACL) and
     * the class's system fields first, then the stored ones (Parse's injectDefaultSchema order);
     * class-level permissions merged over the defaults when stored, else null.
     */
    @SuppressWarnings("unchecked")
    public static ClassSchema fromMongoSchema(Map<String, Object> doc) {
        String className = String.valueOf(doc.get("_id"));
        Map<String, Object> metadata = doc.get("_metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Map<String, Object> options =
                metadata.get("fields_options") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
        Map<String, FieldType> fields = new LinkedHashMap<>(DefaultSchemas.initialFields(className));
        doc.forEach((key, value) -> {
            if (NON_FIELD_KEYS.contains(key)) {
                return;
            }
            FieldType type = fromMongoFieldType(value);
            if (type == null) {
                return;
            }
            if (options.get(key) instanceof Map<?, ?> opt) {
                Object required = opt.get("required");
                Object defaultValue =
                        opt.containsKey("defaultValue") ? MongoValueCodec.nestedToRest(opt.get("defaultValue")) : null;
                type = new FieldType(
                        type.type(), type.targetClass(), required instanceof Boolean b ? b : null, defaultValue);
            }
            FieldType existing = fields.get(key);
            // keep Parse's own types for the default fields (stored createdAt may say "string")
            if (existing == null || !DefaultSchemas.DEFAULT_FIELD_NAMES.contains(key)) {
                fields.put(key, type);
            }
        });
        Map<String, Object> clp = null;
        if (metadata.get("class_permissions") instanceof Map<?, ?> stored) {
            // Stored permissions are merged over empty ones (not the public defaults), as Parse Server does.
            clp = new LinkedHashMap<>();
            for (String op :
                    List.of("find", "count", "get", "create", "update", "delete", "addField", "protectedFields")) {
                clp.put(op, new LinkedHashMap<>());
            }
            for (Map.Entry<?, ?> e : stored.entrySet()) {
                clp.put(String.valueOf(e.getKey()), MongoValueCodec.nestedToRest(e.getValue()));
            }
        }
        Map<String, Object> indexes = null;
        if (metadata.get("indexes") instanceof Map<?, ?> stored) {
            indexes = (Map<String, Object>) MongoValueCodec.nestedToRest(stored);
        }
        return new ClassSchema(className, fields, clp, indexes);
    }

    // ---- operations ----

    public List<ClassSchema> findAll() {
        List<ClassSchema> out = new ArrayList<>();
        for (Document d : collection.find()) {
            out.add(fromMongoSchema(d));
        }
        return out;
    }

    public Optional<ClassSchema> find(String className) {
        Document d = collection.find(Filters.eq("_id", className)).first();
        return d == null ? Optional.empty() : Optional.of(fromMongoSchema(d));
    }

    public Optional<Document> findRaw(String className) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", className)).first());
    }

    /** Inserts the schema; 103 "Class X already exists." if a document with that _id is there. */
    public void insert(ClassSchema schema) {
        try {
            collection.insertOne(toMongoSchema(schema));
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new ParseException(
                        ParseError.INVALID_CLASS_NAME, "Class " + schema.className() + " already exists.");
            }
            throw MongoErrors.translate(e);
        }
    }

    /** Replaces the stored document with the schema's form. */
    public void replace(ClassSchema schema) {
        collection.replaceOne(Filters.eq("_id", schema.className()), toMongoSchema(schema));
    }

    /**
     * Adds a field unless it exists: an upsert guarded by {field: {$exists: false}}, so two racing
     * callers cannot overwrite each other's type (Parse's addFieldIfNotExists). A lost race surfaces as
     * a duplicate _id on the upsert and is ignored: the field is there.
     */
    public void addFieldIfNotExists(String className, String fieldName, FieldType type) {
        if (!storedInSchema(className, fieldName)) {
            return;
        }
        Bson filter = Filters.and(Filters.eq("_id", className), Filters.exists(fieldName, false));
        List<Bson> sets = new ArrayList<>();
        sets.add(Updates.set(fieldName, toMongoFieldType(type)));
        Document options = fieldOptions(type);
        if (!options.isEmpty()) {
            sets.add(Updates.set("_metadata.fields_options." + fieldName, options));
        }
        try {
            collection.updateOne(filter, Updates.combine(sets), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw MongoErrors.translate(e);
            }
        }
    }

    public void unsetFields(String className, List<String> fieldNames) {
        List<Bson> unsets = new ArrayList<>();
        for (String f : fieldNames) {
            unsets.add(Updates.unset(f));
            unsets.add(Updates.unset("_metadata.fields_options." + f));
        }
        if (!unsets.isEmpty()) {
            collection.updateOne(Filters.eq("_id", className), Updates.combine(unsets));
        }
    }

    public void setIndexes(String className, Map<String, Object> indexes) {
        collection.updateOne(
                Filters.eq("_id", className), Updates.set("_metadata.indexes", MongoValueCodec.toBson(indexes)));
    }

    public void delete(String className) {
        collection.deleteOne(Filters.eq("_id", className));
    }
}
