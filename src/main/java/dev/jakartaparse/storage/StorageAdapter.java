package dev.jakartaparse.storage;

import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The storage SPI, shaped after Parse Server's StorageAdapter. It speaks Parse's REST value format
 * only (no database types), so a SQL implementation fits behind it too.
 *
 * <p>Objects going in and coming out are REST-shaped maps: {@code objectId}, {@code createdAt} and
 * {@code updatedAt} as ISO-8601 strings, {@code ACL} as {@code {"id":{"read":true,"write":true}}},
 * typed values as {@code {"__type":"Date"|"Pointer"|"GeoPoint"|"Polygon"|"File"|"Bytes",...}}.
 * Relation fields are not stored on the object (they live in join classes
 * {@code _Join:<field>:<ownerClass>} with {@code owningId}/{@code relatedId}).
 *
 * <p>{@code where} clauses are Parse where clauses already resolved by the core: no
 * {@code $inQuery}, {@code $select}, {@code $relatedTo}; they may contain {@code _rperm}/{@code _wperm}
 * constraints. Updates are maps of field -> plain value or {@code {"__op":"Increment"|"Add"|
 * "AddUnique"|"Remove"|"Delete",...}}, applied atomically by the database.
 *
 * <p>Failures are reported as {@link dev.jakartaparse.model.ParseException} with Parse's codes
 * (137 for a duplicate value on a unique index, 101 where nothing matched a delete).
 */
public interface StorageAdapter extends AutoCloseable {

    // ---- schemas ----

    List<ClassSchema> getAllClasses();

    Optional<ClassSchema> getClass(String className);

    /** Stores a new class's schema; 103 "Class X already exists." if it exists. */
    ClassSchema createClass(ClassSchema schema);

    /** Replaces the stored schema (fields, CLPs, indexes metadata) of an existing class. */
    void updateClass(ClassSchema schema);

    /** Adds one field to the stored schema if it is not there yet (atomic, safe under races). */
    void addFieldIfNotExists(String className, String fieldName, FieldType type);

    /** Drops the class's data and its schema. */
    void deleteClass(String className);

    /** Removes fields from the schema and unsets them in every object (drops relation join tables). */
    void deleteFields(String className, ClassSchema schema, List<String> fieldNames);

    /** Drops every class (used by tests and by purge of a whole app). */
    void deleteAllClasses();

    // ---- objects ----

    void createObject(String className, ClassSchema schema, Map<String, Object> object);

    List<Map<String, Object>> find(
            String className, ClassSchema schema, Map<String, Object> where, QueryOptions options);

    /** The backend's explain output for the same find. */
    Object explain(String className, ClassSchema schema, Map<String, Object> where, QueryOptions options);

    long count(String className, ClassSchema schema, Map<String, Object> where, Object hint);

    List<Object> distinct(String className, ClassSchema schema, Map<String, Object> where, String fieldName);

    /** Runs a Parse aggregate pipeline (stages in Parse's REST form) and returns REST-shaped results. */
    List<Object> aggregate(
            String className, ClassSchema schema, List<Map<String, Object>> pipeline, Object hint, boolean explain);

    /** Atomically updates the first matching object and returns it as it is after the update, or null. */
    Map<String, Object> findOneAndUpdate(
            String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update);

    void updateObjectsByQuery(
            String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update);

    void upsertOneObject(String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update);

    /** Deletes all matching objects; 101 "Object not found." if none matched. */
    void deleteObjectsByQuery(String className, ClassSchema schema, Map<String, Object> where);

    // ---- indexes ----

    /** A unique index on the fields; 137 if existing data already violates it. */
    void ensureUniqueness(String className, ClassSchema schema, List<String> fieldNames);

    void ensureIndex(
            String className, ClassSchema schema, List<String> fieldNames, String indexName, boolean caseInsensitive);

    /** Index name -> key spec ({field: 1|-1|"text"}), as {@code GET /schemas} shows them. */
    Map<String, Object> getIndexes(String className);

    /** Applies a /schemas index change: a spec map adds an index, {"__op":"Delete"} drops it. */
    void updateIndexes(String className, ClassSchema schema, Map<String, Object> submittedIndexes);

    // ---- capabilities ----

    /** Whether multi-document transactions are available (batch with transaction:true). */
    boolean supportsTransactions();

    /**
     * Runs the work with the object writes this thread makes (create, update, upsert, delete) in
     * one transaction: all of them are applied when the work returns, none when it throws, and
     * other readers see none of them before the end. The thread's object reads see its writes;
     * schema changes are not part of it, as in Parse Server. Only where
     * {@link #supportsTransactions()}.
     */
    <T> T inTransaction(Supplier<T> work);

    @Override
    void close();
}
