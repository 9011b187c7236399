package dev.jakartaparse.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.AggregateIterable;
import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterType;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The StorageAdapter on the MongoDB Java Driver, in Parse Server's storage format (see
 * {@link MongoTransform}, {@link MongoQueryTransform}, {@link MongoSchemaCollection}).
 *
 * <p>{@code fullQuerySupport=false} marks the embedded mongo-java-server backend: it has no geo
 * operators, no $text, no explain (it runs transactions itself, on a standalone server). Where clauses are then split
 * ({@link WhereSplitter}): the supported part is pushed down, the rest is evaluated in memory by
 * {@link ResidualEvaluator} on the REST form of the candidates.
 *
 * <p>{@link #close()} closes the MongoClient the adapter was given.
 */
public final class MongoStorageAdapter implements StorageAdapter {
    private final MongoClient client;
    private final MongoDatabase database;
    private final boolean fullQuerySupport;
    /**
     * mongo-java-server applies concurrent read-modify-write commands on one collection without
     * isolation (two $inc can read the same value), so on the embedded backend updates of a
     * collection are serialised here. A real MongoDB makes each update atomic by itself.
     */
    private final ConcurrentHashMap<String, Object> updateLocks = new ConcurrentHashMap<>();

    private final MongoSchemaCollection schemas;
    /**
     * The session of the transaction this thread's object reads and writes go to
     * ({@link #inTransaction}); null outside one. Schema changes and indexes go on outside it, as
     * in Parse Server. Parse Server reads outside the transaction too; here the thread reads its
     * own writes, which an afterSave trigger, given the saved object as read back, relies on.
     */
    private final ThreadLocal<ClientSession> transaction = new ThreadLocal<>();
    /** Whether the database can run transactions, known once it has answered. */
    private volatile Boolean transactions;

    public MongoStorageAdapter(MongoClient client, String databaseName, boolean fullQuerySupport) {
        this.client = client;
        this.database = client.getDatabase(databaseName);
        this.fullQuerySupport = fullQuerySupport;
        this.schemas = new MongoSchemaCollection(database.getCollection(MongoSchemaCollection.NAME));
    }

    private MongoCollection<Document> collection(String className) {
        return database.getCollection(className);
    }

    /** Runs a driver call, turning driver failures into ParseExceptions. */
    private static <T> T db(Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoException e) {
            throw MongoErrors.translate(e);
        }
    }

    private static void dbRun(Runnable call) {
        db(() -> {
            call.run();
            return null;
        });
    }

    // ---- schemas ----

    @Override
    public List<ClassSchema> getAllClasses() {
        return db(schemas::findAll);
    }

    @Override
    public Optional<ClassSchema> getClass(String className) {
        return db(() -> schemas.find(className));
    }

    @Override
    public ClassSchema createClass(ClassSchema schema) {
        if (schema.indexes() != null && !schema.indexes().isEmpty()) {
            Map<String, Object> indexes = new LinkedHashMap<>(schema.indexes());
            indexes.remove("_id_");
            createIndexesFromSpec(schema.className(), schema, indexes);
        }
        db(() -> {
            schemas.insert(schema);
            return null;
        });
        return getClass(schema.className()).orElse(schema);
    }

    @Override
    public void updateClass(ClassSchema schema) {
        dbRun(() -> schemas.replace(schema));
    }

    @Override
    public void addFieldIfNotExists(String className, String fieldName, FieldType type) {
        if ("GeoPoint".equals(type.type())) {
            Optional<ClassSchema> existing = getClass(className);
            if (existing.isPresent()
                    && existing.get().fields().entrySet().stream()
                            .anyMatch(e -> !e.getKey().equals(fieldName)
                                    && "GeoPoint".equals(e.getValue().type()))) {
                throw new ParseException(
                        ParseError.INCORRECT_TYPE, "MongoDB only supports one GeoPoint field in a class.");
            }
        }
        dbRun(() -> schemas.addFieldIfNotExists(className, fieldName, type));
        if ("Polygon".equals(type.type())) {
            // Parse indexes polygons for $geoIntersects; the embedded backend may refuse 2dsphere.
            try {
                collection(className).createIndex(new Document(fieldName, "2dsphere"));
            } catch (MongoException e) {
                if (fullQuerySupport) {
                    throw MongoErrors.translate(e);
                }
            }
        }
    }

    @Override
    public void deleteClass(String className) {
        dbRun(() -> {
            collection(className).drop();
            schemas.delete(className);
        });
    }

    @Override
    public void deleteFields(String className, ClassSchema schema, List<String> fieldNames) {
        List<Bson> exists = new ArrayList<>();
        Document unset = new Document();
        for (String name : fieldNames) {
            FieldType type = schema == null ? null : schema.field(name);
            if (type != null && type.isRelation()) {
                dbRun(() -> collection("_Join:" + name + ":" + className).drop());
                continue;
            }
            String stored = type != null && type.isPointer() ? "_p_" + name : name;
            unset.put(stored, "");
            exists.add(new Document(stored, new Document("$exists", true)));
        }
        dbRun(() -> {
            if (!exists.isEmpty()) {
                collection(className).updateMany(new Document("$or", exists), new Document("$unset", unset));
            }
            schemas.unsetFields(className, fieldNames);
        });
    }

    @Override
    public void deleteAllClasses() {
        dbRun(() -> {
            for (String name : database.listCollectionNames()) {
                if (!name.startsWith("system.")) {
                    collection(name).drop();
                }
            }
        });
    }

    // ---- objects ----

    @Override
    public void createObject(String className, ClassSchema schema, Map<String, Object> object) {
        Document doc = MongoTransform.toMongoForCreate(className, schema, object);
        ClientSession session = transaction.get();
        dbRun(() -> {
            if (session == null) {
                collection(className).insertOne(doc);
            } else {
                collection(className).insertOne(session, doc);
            }
        });
    }

    @Override
    public List<Map<String, Object>> find(
            String className, ClassSchema schema, Map<String, Object> where, QueryOptions options) {
        QueryOptions opts = options == null ? QueryOptions.all() : options;
        WhereSplitter.Split split = split(where);
        if (split.hasResidual()) {
            List<Map<String, Object>> matched = findResidual(className, schema, split);
            boolean scoreKept = opts.keys() != null && opts.keys().contains(MongoTransform.TEXT_SCORE);
            Map<Map<String, Object>, Double> scores =
                    scoreKept || opts.sort() != null && opts.sort().containsKey(MongoTransform.TEXT_SCORE)
                            ? ResidualEvaluator.textScores(matched, split.residual())
                            : Map.of();
            List<Map<String, Object>> page =
                    ResidualEvaluator.order(matched, split.residual(), opts.sort(), scores, opts.skip(), opts.limit());
            List<Map<String, Object>> out = new ArrayList<>(page.size());
            for (Map<String, Object> o : page) {
                Map<String, Object> kept = MongoTransform.restrictToKeys(o, schema, opts.keys());
                if (scoreKept && scores.containsKey(o)) {
                    kept.put("score", scores.get(o)); // as MongoDB projects {$meta: "textScore"}
                }
                out.add(kept);
            }
            return out;
        }
        Document filter = MongoQueryTransform.toMongoWhere(className, schema, split.pushed());
        if (fullQuerySupport) {
            createTextIndexesIfNeeded(className, schema, where);
        }
        Document projection = MongoTransform.toMongoProjection(className, schema, opts.keys());
        return db(() -> {
            FindIterable<Document> it = findIterable(className, schema, filter, opts, projection);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Document d : it) {
                Map<String, Object> rest = MongoTransform.toRest(className, schema, d);
                out.add(
                        projection == null && opts.keys() != null
                                ? MongoTransform.restrictToKeys(rest, schema, opts.keys())
                                : rest);
            }
            return out;
        });
    }

    private FindIterable<Document> findIterable(
            String className, ClassSchema schema, Document filter, QueryOptions opts, Document projection) {
        ClientSession session = transaction.get();
        FindIterable<Document> it = session == null
                ? collection(className).find(filter)
                : collection(className).find(session, filter);
        Document sort = MongoTransform.toMongoSort(schema, opts.sort());
        if (!sort.isEmpty()) {
            it = it.sort(sort);
        }
        if (opts.skip() > 0) {
            it = it.skip(opts.skip());
        }
        if (opts.limit() >= 0) {
            if (opts.limit() == 0) {
                // Mongo treats limit 0 as "no limit"; Parse's limit 0 means no results
                it = it.limit(1).skip(Integer.MAX_VALUE);
            } else {
                it = it.limit(opts.limit());
            }
        }
        if (projection != null) {
            it = it.projection(projection);
        }
        applyHint(it, opts.hint());
        return it;
    }

    private static void applyHint(FindIterable<Document> it, Object hint) {
        if (hint instanceof String s && !s.isEmpty()) {
            it.hintString(s);
        } else if (hint instanceof Map<?, ?> m) {
            it.hint((Document) MongoValueCodec.toBson(m));
        }
    }

    private WhereSplitter.Split split(Map<String, Object> where) {
        if (fullQuerySupport) {
            return new WhereSplitter.Split(where == null ? Map.of() : where, Map.of());
        }
        return WhereSplitter.split(where);
    }

    /** All candidates of the pushed-down part, in REST form, that also match the residual part. */
    private List<Map<String, Object>> findResidual(String className, ClassSchema schema, WhereSplitter.Split split) {
        // validate the residual part the way a real backend would (errors, bad geo values)
        MongoQueryTransform.toMongoWhere(className, schema, split.residual());
        Document filter = MongoQueryTransform.toMongoWhere(className, schema, split.pushed());
        Predicate<Map<String, Object>> residual = ResidualEvaluator.matcher(split.residual());
        ClientSession session = transaction.get();
        return db(() -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Document d : session == null
                    ? collection(className).find(filter)
                    : collection(className).find(session, filter)) {
                Map<String, Object> rest = MongoTransform.toRest(className, schema, d);
                if (residual.test(rest)) {
                    out.add(rest);
                }
            }
            return out;
        });
    }

    /**
     * A Mongo filter for a where clause used by counts, updates and deletes: with a residual part,
     * the matching objects are found in memory and selected by _id.
     */
    private Document resolveFilter(String className, ClassSchema schema, Map<String, Object> where, boolean count) {
        WhereSplitter.Split split = split(where);
        if (!split.hasResidual()) {
            return MongoQueryTransform.toMongoWhere(className, schema, split.pushed(), count);
        }
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> o : findResidual(className, schema, split)) {
            ids.add(MongoTransform.objectIdValue(className, o.get("objectId")));
        }
        return new Document("_id", new Document("$in", ids));
    }

    @Override
    public Object explain(String className, ClassSchema schema, Map<String, Object> where, QueryOptions options) {
        QueryOptions opts = options == null ? QueryOptions.all() : options;
        Document filter = MongoQueryTransform.toMongoWhere(className, schema, where);
        if (!fullQuerySupport) {
            // the embedded backend has no explain: describe what would be run
            Document plan = new Document("namespace", database.getName() + "." + className)
                    .append("parsedQuery", filter)
                    .append("sort", MongoTransform.toMongoSort(schema, opts.sort()))
                    .append("winningPlan", new Document("stage", "COLLSCAN"));
            return MongoValueCodec.nestedToRest(new Document("queryPlanner", plan));
        }
        Document projection = MongoTransform.toMongoProjection(className, schema, opts.keys());
        return db(() -> MongoValueCodec.nestedToRest(
                findIterable(className, schema, filter, opts, projection).explain()));
    }

    @Override
    public long count(String className, ClassSchema schema, Map<String, Object> where, Object hint) {
        ClientSession session = transaction.get();
        if ((where == null || where.isEmpty()) && hint == null && session == null) {
            return db(() -> collection(className).estimatedDocumentCount());
        }
        Document filter = resolveFilter(className, schema, where, true);
        CountOptions options = new CountOptions();
        if (hint instanceof String s && !s.isEmpty()) {
            options.hintString(s);
        } else if (hint instanceof Map<?, ?> m) {
            options.hint((Document) MongoValueCodec.toBson(m));
        }
        return db(() -> session == null
                ? collection(className).countDocuments(filter, options)
                : collection(className).countDocuments(session, filter, options));
    }

    @Override
    public List<Object> distinct(String className, ClassSchema schema, Map<String, Object> where, String fieldName) {
        Document filter = resolveFilter(className, schema, where, false);
        FieldType type = schema == null ? null : schema.field(fieldName);
        String stored = MongoTransform.mongoKey(schema, fieldName);
        ClientSession session = transaction.get();
        return db(() -> {
            List<Object> out = new ArrayList<>();
            for (BsonValue bson : session == null
                    ? collection(className).distinct(stored, filter, BsonValue.class)
                    : collection(className).distinct(session, stored, filter, BsonValue.class)) {
                Object value = bson == null ? null : MongoValueCodec.fromBsonValue(bson);
                if (value == null) {
                    continue;
                }
                if (type != null && type.isPointer() && value instanceof String s) {
                    Map<String, Object> pointer = MongoValueCodec.pointerFromString(s);
                    out.add(pointer != null ? pointer : s);
                } else {
                    out.add(MongoValueCodec.nestedToRest(value));
                }
            }
            return out;
        });
    }

    @Override
    public List<Object> aggregate(
            String className, ClassSchema schema, List<Map<String, Object>> pipeline, Object hint, boolean explain) {
        MongoAggregateTransform.Pipeline translated = MongoAggregateTransform.toMongoPipeline(schema, pipeline);
        ClientSession session = transaction.get();
        return db(() -> {
            AggregateIterable<Document> it = session == null
                    ? collection(className).aggregate(translated.stages())
                    : collection(className).aggregate(session, translated.stages());
            if (hint instanceof String s && !s.isEmpty()) {
                it = it.hintString(s);
            } else if (hint instanceof Map<?, ?> m) {
                it = it.hint((Document) MongoValueCodec.toBson(m));
            }
            List<Object> out = new ArrayList<>();
            if (explain) {
                if (!fullQuerySupport) {
                    out.add(MongoValueCodec.nestedToRest(new Document("stages", translated.stages())));
                } else {
                    out.add(MongoValueCodec.nestedToRest(it.explain()));
                }
                return out;
            }
            for (Document d : it) {
                out.add(MongoAggregateTransform.resultToRest(className, schema, d, translated.groupsByPointer()));
            }
            return out;
        });
    }

    private <T> T serialized(String className, Supplier<T> update) {
        // In a transaction the embedded database serialises the writes itself; and a thread that
        // holds this lock while its write waits for the transaction's end must not stop it.
        if (fullQuerySupport || transaction.get() != null) {
            return update.get();
        }
        synchronized (updateLocks.computeIfAbsent(className, k -> new Object())) {
            return update.get();
        }
    }

    @Override
    public Map<String, Object> findOneAndUpdate(
            String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update) {
        Document filter = resolveFilter(className, schema, where, false);
        Document mongoUpdate = MongoTransform.toMongoUpdate(className, schema, update);
        if (mongoUpdate.isEmpty()) {
            List<Map<String, Object>> found = find(className, schema, where, QueryOptions.limit(1));
            return found.isEmpty() ? null : found.get(0);
        }
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
        ClientSession session = transaction.get();
        Document after = serialized(
                className,
                () -> db(() -> session == null
                        ? collection(className).findOneAndUpdate(filter, mongoUpdate, options)
                        : collection(className).findOneAndUpdate(session, filter, mongoUpdate, options)));
        return after == null ? null : MongoTransform.toRest(className, schema, after);
    }

    @Override
    public void updateObjectsByQuery(
            String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update) {
        Document filter = resolveFilter(className, schema, where, false);
        Document mongoUpdate = MongoTransform.toMongoUpdate(className, schema, update);
        if (!mongoUpdate.isEmpty()) {
            ClientSession session = transaction.get();
            serialized(className, () -> {
                dbRun(() -> {
                    if (session == null) {
                        collection(className).updateMany(filter, mongoUpdate);
                    } else {
                        collection(className).updateMany(session, filter, mongoUpdate);
                    }
                });
                return null;
            });
        }
    }

    @Override
    public void upsertOneObject(
            String className, ClassSchema schema, Map<String, Object> where, Map<String, Object> update) {
        Document filter = resolveFilter(className, schema, where, false);
        Document mongoUpdate = MongoTransform.toMongoUpdate(className, schema, update);
        if (mongoUpdate.isEmpty()) {
            mongoUpdate.put("$setOnInsert", new Document());
        }
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        ClientSession session = transaction.get();
        serialized(className, () -> {
            dbRun(() -> {
                if (session == null) {
                    collection(className).updateOne(filter, mongoUpdate, upsert);
                } else {
                    collection(className).updateOne(session, filter, mongoUpdate, upsert);
                }
            });
            return null;
        });
    }

    @Override
    public void deleteObjectsByQuery(String className, ClassSchema schema, Map<String, Object> where) {
        Document filter = resolveFilter(className, schema, where, false);
        ClientSession session = transaction.get();
        DeleteResult result = db(() -> session == null
                ? collection(className).deleteMany(filter)
                : collection(className).deleteMany(session, filter));
        if (result.getDeletedCount() == 0) {
            throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
        }
    }

    // ---- indexes ----

    @Override
    public void ensureUniqueness(String className, ClassSchema schema, List<String> fieldNames) {
        Document keys = new Document();
        for (String f : fieldNames) {
            keys.put(MongoTransform.mongoKey(schema, f), 1);
        }
        String name;
        try {
            name = collection(className)
                    .createIndex(
                            keys, new IndexOptions().unique(true).sparse(true).background(true));
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new ParseException(
                        ParseError.DUPLICATE_VALUE,
                        "Tried to ensure field uniqueness for a class that already has duplicates.");
            }
            if (isIndexConflict(e)) {
                return; // an index on these keys already exists (with other options)
            }
            throw MongoErrors.translate(e);
        }
        recordIndex(className, name, keys);
    }

    @Override
    public void ensureIndex(
            String className, ClassSchema schema, List<String> fieldNames, String indexName, boolean caseInsensitive) {
        Document keys = new Document();
        for (String f : fieldNames) {
            keys.put(MongoTransform.mongoKey(schema, f), 1);
        }
        IndexOptions options = new IndexOptions().background(true).sparse(true);
        if (indexName != null) {
            options.name(indexName);
        }
        if (caseInsensitive) {
            // Parse's case-insensitive username/email indexes; the embedded backend ignores collation
            options.collation(Collation.builder()
                    .locale("en_US")
                    .collationStrength(CollationStrength.SECONDARY)
                    .build());
        }
        String name;
        try {
            name = collection(className).createIndex(keys, options);
        } catch (MongoException e) {
            if (isIndexConflict(e)) {
                return;
            }
            throw MongoErrors.translate(e);
        }
        recordIndex(className, name, keys);
    }

    private static boolean isIndexConflict(MongoException e) {
        int code = MongoErrors.codeOf(e);
        return code == 85 || code == 86;
    }

    /** Keeps _SCHEMA's _metadata.indexes in step with an index created outside /schemas. */
    private void recordIndex(String className, String name, Document keys) {
        dbRun(() -> schemas.findRaw(className).ifPresent(doc -> {
            Map<String, Object> indexes = new LinkedHashMap<>(getIndexesFromSchema(doc));
            if (indexes.isEmpty()) {
                indexes.put("_id_", new Document("_id", 1));
            }
            if (!indexes.containsKey(name)) {
                indexes.put(name, keys);
                schemas.setIndexes(className, indexes);
            }
        }));
    }

    private static Map<String, Object> getIndexesFromSchema(Document doc) {
        if (doc.get("_metadata") instanceof Document meta && meta.get("indexes") instanceof Document idx) {
            return idx;
        }
        return Map.of();
    }

    @Override
    public Map<String, Object> getIndexes(String className) {
        return db(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            try {
                for (Document index : collection(className).listIndexes()) {
                    Document key = new Document((Document) index.get("key"));
                    if (key.containsKey("_fts")) {
                        // a text index: Parse shows {field: "text"} from its weights
                        key.remove("_fts");
                        key.remove("_ftsx");
                        if (index.get("weights") instanceof Document weights) {
                            weights.keySet().forEach(f -> key.put(f, "text"));
                        }
                    }
                    out.put(index.getString("name"), MongoValueCodec.nestedToRest(key));
                }
            } catch (MongoException e) {
                if (MongoErrors.codeOf(e) != 26) { // NamespaceNotFound: no collection, no indexes
                    throw e;
                }
            }
            return out;
        });
    }

    @Override
    public void updateIndexes(String className, ClassSchema schema, Map<String, Object> submittedIndexes) {
        if (submittedIndexes == null) {
            return;
        }
        Map<String, Object> existing = new LinkedHashMap<>();
        if (schema != null && schema.indexes() != null) {
            existing.putAll(schema.indexes());
        } else {
            schemas.findRaw(className).ifPresent(doc -> existing.putAll(getIndexesFromSchema(doc)));
        }
        if (existing.isEmpty()) {
            existing.put("_id_", Map.of("_id", 1));
        }
        List<String> toDrop = new ArrayList<>();
        Map<String, Object> toCreate = new LinkedHashMap<>();
        submittedIndexes.forEach((name, spec) -> {
            boolean delete = spec instanceof Map<?, ?> m && "Delete".equals(m.get("__op"));
            if (existing.containsKey(name) && !delete) {
                throw new ParseException(ParseError.INVALID_QUERY, "Index " + name + " exists, cannot update.");
            }
            if (!existing.containsKey(name) && delete) {
                throw new ParseException(ParseError.INVALID_QUERY, "Index " + name + " does not exist, cannot delete.");
            }
            if (delete) {
                toDrop.add(name);
                existing.remove(name);
            } else {
                if (!(spec instanceof Map<?, ?> keys)) {
                    throw new ParseException(ParseError.INVALID_QUERY, "Index " + name + " is not an object.");
                }
                for (Object k : keys.keySet()) {
                    String key = String.valueOf(k);
                    String field = key.startsWith("_p_") ? key.substring(3) : key;
                    if (schema != null && !schema.hasField(field)) {
                        throw new ParseException(
                                ParseError.INVALID_QUERY, "Field " + key + " does not exist, cannot add index.");
                    }
                }
                existing.put(name, spec);
                toCreate.put(name, spec);
            }
        });
        dbRun(() -> {
            for (String name : toDrop) {
                try {
                    collection(className).dropIndex(name);
                } catch (MongoException e) {
                    if (MongoErrors.codeOf(e) != 27 && MongoErrors.codeOf(e) != 26) { // IndexNotFound
                        throw e;
                    }
                }
            }
        });
        createIndexesFromSpec(className, schema, toCreate);
        dbRun(() -> schemas.setIndexes(className, existing));
    }

    /** Creates /schemas-style indexes ({name: {field: 1|-1|"text"}}) on the stored column names. */
    @SuppressWarnings("unchecked")
    private void createIndexesFromSpec(String className, ClassSchema schema, Map<String, Object> specs) {
        List<IndexModel> models = new ArrayList<>();
        specs.forEach((name, spec) -> {
            Document keys = new Document();
            ((Map<String, Object>) spec)
                    .forEach((field, dir) -> keys.put(
                            field.startsWith("_p_") ? field : MongoTransform.mongoKey(schema, field),
                            MongoValueCodec.toBson(dir)));
            models.add(new IndexModel(keys, new IndexOptions().name(name)));
        });
        if (!models.isEmpty()) {
            dbRun(() -> collection(className).createIndexes(models));
        }
    }

    /** Parse creates a text index the first time a field is searched with $text. */
    private void createTextIndexesIfNeeded(String className, ClassSchema schema, Map<String, Object> where) {
        if (where == null) {
            return;
        }
        for (Map.Entry<String, Object> e : where.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> c) || !c.containsKey("$text")) {
                continue;
            }
            String field = e.getKey();
            Map<String, Object> indexes = getIndexes(className);
            boolean indexed =
                    indexes.values().stream().anyMatch(spec -> spec instanceof Map<?, ?> m && m.containsKey(field));
            if (indexed) {
                return;
            }
            try {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put(field, "text");
                updateIndexes(className, schema, Map.of(field + "_text", spec));
            } catch (ParseException ex) {
                // another text index already exists (Mongo allows one per collection): search with it
                if (ex.code() != ParseError.INVALID_QUERY && ex.code() != ParseError.INTERNAL_SERVER_ERROR) {
                    throw ex;
                }
            }
            return;
        }
    }

    // ---- capabilities ----

    /**
     * A replica set or sharded cluster runs transactions; a standalone MongoDB does not (Parse
     * Server's batch then fails there), except the embedded database, which runs them itself and
     * says so by offering sessions. Asked once the database has answered.
     */
    @Override
    public boolean supportsTransactions() {
        Boolean known = transactions;
        if (known == null) {
            db(() -> database.runCommand(new Document("ping", 1)));
            ClusterDescription cluster = client.getClusterDescription();
            boolean sessions = cluster.getLogicalSessionTimeoutMinutes() != null;
            known = sessions
                    && (cluster.getType() == ClusterType.REPLICA_SET
                            || cluster.getType() == ClusterType.SHARDED
                            || !fullQuerySupport);
            transactions = known;
        }
        return known;
    }

    /**
     * Runs the work with this thread's object writes in one transaction: committed when the work
     * returns, aborted when it throws. Within a transaction already, the work joins it.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (transaction.get() != null) {
            return work.get();
        }
        if (!supportsTransactions()) {
            throw new ParseException(
                    ParseError.COMMAND_UNAVAILABLE, "Transactions are not supported by this database.");
        }
        try (ClientSession session = db(client::startSession)) {
            session.startTransaction();
            transaction.set(session);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                transaction.remove();
                abort(session);
                throw e;
            }
            transaction.remove();
            dbRun(session::commitTransaction);
            return result;
        } finally {
            transaction.remove();
        }
    }

    private static void abort(ClientSession session) {
        try {
            session.abortTransaction();
        } catch (MongoException e) {
            // the transaction ends anyway: the server aborts what is never committed
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
