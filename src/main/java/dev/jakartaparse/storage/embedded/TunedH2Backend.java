package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 backend, made fast enough for a Parse server's finds and writes, with the
 * same results:
 * <ul>
 * <li>a find's query is compiled once ({@link CompiledQuery}) instead of read again per document;</li>
 * <li>a sorted find looks each document's sort values up once (the stock sort looked both
 * documents' up on every comparison, splitting the key path each time), and with a small limit
 * keeps only the first ones in order instead of sorting all;</li>
 * <li>documents and index keys are stored as BSON ({@link BsonDocumentType}, {@link KeyValueType})
 * instead of Java-serialized; files written before are still read;</li>
 * <li>write commands go through a {@link WriteAheadLog} before they are applied, one at a time, so
 * that a write is durable without a commit of the store's pages each.</li>
 * </ul>
 */
final class TunedH2Backend extends H2Backend {
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String BSON_INDEX_SUFFIX = ".bson";
    private static final Document MATCH_ALL = new Document();

    /** The commands that change data, lower-cased; aggregate only with a $out or $merge stage. */
    private static final Set<String> WRITE_COMMANDS = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "create",
            "createindexes",
            "drop",
            "dropindexes",
            "dropdatabase",
            "renamecollection");

    /**
     * Commands that change what a transaction relies on; MongoDB refuses them in a transaction, and
     * outside one they wait until no transaction is open.
     */
    private static final Set<String> NOT_IN_TRANSACTIONS =
            Set.of("drop", "dropdatabase", "dropindexes", "renamecollection");
    /** The fields a command carries for its session; not logged, the log replays without sessions. */
    private static final List<String> SESSION_FIELDS =
            List.of("lsid", "txnNumber", "startTransaction", "autocommit", "readConcern", "$clusterTime");
    /** What the database answers in its handshake: with it, drivers offer sessions, and transactions. */
    private static final int SESSION_TIMEOUT_MINUTES = 30;
    /** The transaction whose command this thread applies, if any. */
    private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();

    /** Held while a write is logged and applied, and while a checkpoint commits: the log's order is the order applied. */
    final Object writeLock = new Object();
    /** The one transaction open, if any; under the write lock, which is notified when it ends. */
    private Transaction open;
    /**
     * Where write commands go before they are applied; null while the logs are replayed (nothing
     * logged). Changed and read under the write lock: a checkpoint moves on to the other log.
     */
    private WriteAheadLog log;
    /** Run before the store closes (closing commits it): the log's last checkpoint. */
    private Runnable lastCheckpoint;

    TunedH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    /** Call under the write lock. */
    void logWritesTo(WriteAheadLog log) {
        this.log = log;
    }

    /** The log writes go to; call under the write lock. */
    WriteAheadLog log() {
        return log;
    }

    void beforeClosing(Runnable lastCheckpoint) {
        this.lastCheckpoint = lastCheckpoint;
    }

    /**
     * Closing the store commits it, so the log's checkpoint comes first; a write that comes after
     * is not logged (it fails on the closed store, and must not be applied at the next start).
     */
    @Override
    public void close() {
        synchronized (writeLock) {
            abortOpenTransaction(); // never committed, so never applied
            if (log != null) {
                lastCheckpoint.run();
                log = null;
            }
            super.close();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("committransaction") || name.equals("aborttransaction")) {
            return endTransaction(query, name.equals("committransaction"));
        }
        if (query.get("txnNumber") instanceof Number number && Boolean.FALSE.equals(query.get("autocommit"))) {
            return inTransaction(channel, databaseName, command, query, number.longValue());
        }
        if (!isWrite(command, query)) {
            Document answer = super.handleCommand(channel, databaseName, command, timedMatchStages(command, query));
            if (name.equals("ismaster")) {
                answer.put("logicalSessionTimeoutMinutes", SESSION_TIMEOUT_MINUTES);
            }
            return answer;
        }
        synchronized (writeLock) {
            awaitTransactionOutOfTheWay(databaseName, name, query.get(command));
            if (log != null) {
                log.append(databaseName, withoutSession(query));
            }
            return super.handleCommand(channel, databaseName, command, query);
        }
    }

    /**
     * An aggregate (the driver's countDocuments is one) with its $match stages' regexes timed as a
     * find's are (see {@link TimedRegexes}): its stages match with the stock matcher directly.
     */
    private static Document timedMatchStages(String command, Document query) {
        if (!"aggregate".equalsIgnoreCase(command) || !(query.get("pipeline") instanceof List<?> stages)) {
            return query;
        }
        TimedRegexes timed = new TimedRegexes(TimedRegexes.MILLIS_PER_FIND);
        List<Object> pipeline = new ArrayList<>(stages.size());
        for (Object stage : stages) {
            pipeline.add(
                    stage instanceof Document d && d.size() == 1 && d.get("$match") instanceof Document match
                            ? new Document("$match", timed.apply(match))
                            : stage);
        }
        Document copy = new Document(query);
        copy.put("pipeline", pipeline);
        return copy;
    }

    /**
     * A command of a transaction: the first opens it (once no other is open), each is applied with
     * its changes recorded, and one that fails aborts it, as in MongoDB.
     */
    private Document inTransaction(Channel channel, String databaseName, String command, Document query, long number) {
        Document session = (Document) query.get("lsid");
        synchronized (writeLock) {
            if (Boolean.TRUE.equals(query.get("startTransaction"))) {
                awaitNoTransaction();
                open = new Transaction(session, number);
            } else if (open == null || !open.is(session, number)) {
                throw noSuchTransaction(number);
            }
            Transaction transaction = open;
            if (NOT_IN_TRANSACTIONS.contains(command.toLowerCase(Locale.ROOT))) {
                abortOpenTransaction();
                throw new MongoServerError(
                        263, "OperationNotSupportedInTransaction", "Cannot run '" + command + "' in a transaction");
            }
            Document answer;
            CURRENT.set(transaction);
            try {
                answer = super.handleCommand(channel, databaseName, command, query);
            } catch (RuntimeException e) {
                CURRENT.remove();
                abortOpenTransaction();
                throw e;
            } finally {
                CURRENT.remove();
            }
            if (answer.get("writeErrors") instanceof List<?> errors && !errors.isEmpty()) {
                abortOpenTransaction();
            } else if (isWrite(command, query)) {
                transaction.wrote(databaseName, withoutSession(query));
            }
            return answer;
        }
    }

    /** Commits (its writes go to the log as one record) or aborts (its changes are undone). */
    private Document endTransaction(Document query, boolean commit) {
        long number = query.get("txnNumber") instanceof Number n ? n.longValue() : -1;
        synchronized (writeLock) {
            if (open == null || !open.is((Document) query.get("lsid"), number)) {
                throw noSuchTransaction(number);
            }
            if (commit) {
                Transaction transaction = open;
                try {
                    if (log != null && !transaction.writes().isEmpty()) {
                        log.appendAll(transaction.writes());
                    }
                } catch (RuntimeException e) {
                    abortOpenTransaction();
                    throw e;
                }
                open = null;
                transaction.end();
                writeLock.notifyAll();
            } else {
                abortOpenTransaction();
            }
            Document answer = new Document();
            Utils.markOkay(answer);
            return answer;
        }
    }

    private static MongoServerError noSuchTransaction(long number) {
        return new MongoServerError(
                251, "NoSuchTransaction", "Transaction " + number + " has been aborted or is not open");
    }

    /** Call under the write lock. */
    private void abortOpenTransaction() {
        Transaction transaction = open;
        if (transaction != null) {
            transaction.undo();
            open = null;
            transaction.end();
            writeLock.notifyAll();
        }
    }

    /**
     * Waits, under the write lock, until no transaction is open; one open past its lifetime is
     * aborted. A checkpoint waits so: the store's file never holds a transaction's writes without
     * the log record of its commit.
     */
    void awaitNoTransaction() {
        while (open != null) {
            waitForTheOpenTransaction();
        }
    }

    /**
     * A write outside the transaction waits for its end when it touches a collection the
     * transaction changed (so that an abort restores what it found), or would drop what it relies on.
     */
    private void awaitTransactionOutOfTheWay(String databaseName, String command, Object collection) {
        while (open != null
                && (NOT_IN_TRANSACTIONS.contains(command)
                        || command.equals("aggregate")
                        || open.changed(databaseName + "." + collection))) {
            waitForTheOpenTransaction();
        }
    }

    private void waitForTheOpenTransaction() {
        long left = open.remainingNanos();
        if (left <= 0) {
            abortOpenTransaction();
            return;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(writeLock, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MongoServerException("Interrupted while waiting for a transaction to end");
        }
    }

    private static Document withoutSession(Document command) {
        if (!command.containsKey("lsid")) {
            return command;
        }
        Document copy = new Document(command);
        SESSION_FIELDS.forEach(copy::remove);
        return copy;
    }

    static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITE_COMMANDS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    // An inner class: the super constructors open collections before any field of ours is set,
    // but the enclosing backend (and its store) is already there.
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore()
                    .openMap(
                            DATABASES_PREFIX + fullName,
                            new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            MVMap<String, Object> metaMap = getMvStore().openMap(META_PREFIX + fullName);
            return new Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        /**
         * The index's keys in BSON (see {@link KeyValueType}), in a map of its own name: an index
         * written by an earlier version (Java-serialized keys, in another order) is copied into it
         * once and removed. Should that be cut short, the old map is still there and the copy is
         * made again.
         */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVStore store = getMvStore();
            String legacyName = legacyIndexMapName(collectionName, indexName);
            MVMap<KeyValue, Object> map = store.openMap(
                    legacyName + BSON_INDEX_SUFFIX,
                    new MVMap.Builder<KeyValue, Object>().keyType(KeyValueType.INSTANCE));
            // The keys of a collection renumbered as it opened point at positions it no longer
            // has: emptied, the index is built again from the documents when it is added.
            boolean renumbered = resolveCollection(collectionName, false) instanceof Collection c && c.renumbered;
            if (renumbered) {
                map.clear();
            }
            if (store.hasMap(legacyName)) {
                MVMap<KeyValue, Object> legacy = store.openMap(legacyName);
                map.clear();
                if (!renumbered) {
                    legacy.forEach(map::put);
                }
                store.removeMap(legacy);
            }
            return new UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(legacyIndexMapName(collection.getCollectionName(), indexName) + BSON_INDEX_SUFFIX);
        }

        /** The name H2Database gives an index's map. */
        private String legacyIndexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }

    /** H2UniqueIndex, whose constructor is not visible here. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        /** Whether every key is a top-level field, which a document's own lookup finds. */
        private final boolean topLevelKeys;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
            this.topLevelKeys = keys.stream()
                    .map(IndexKey::getKey)
                    .allMatch(k -> !k.isEmpty() && !k.equals("$") && k.indexOf('.') < 0);
        }

        /**
         * The stock answer, without its path splitting (a regex and a stream per key) when every
         * key is a top-level field holding a value that normalizes to itself (a string, as an
         * objectId, username or email is) or nothing. Everything else takes the stock path.
         */
        @Override
        public Set<KeyValue> getKeyValues(Document document) {
            Object[] values = simpleValues(document);
            if (values == null) {
                return super.getKeyValues(document);
            }
            return Set.of(new KeyValue(normalized(values)));
        }

        /** The stock check (run twice for each insert) on the same fast path as {@link #getKeyValues}. */
        @Override
        public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
            Object[] values = simpleValues(document);
            if (values == null) {
                super.checkAdd(document, collection);
                return;
            }
            if (isSparse() && Arrays.stream(values).allMatch(v -> v instanceof Missing)) {
                return;
            }
            if (containsKey(new KeyValue(normalized(values)))) {
                // as the stock check: the message shows the key as the document has it
                throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(values));
            }
        }

        /**
         * The values of the index's keys in the document (Missing where absent), when every key is a
         * top-level field and every value a string, boolean, ObjectId, null or absent; else null.
         */
        private Object[] simpleValues(Document document) {
            if (!topLevelKeys) {
                return null;
            }
            List<String> keys = keys();
            Object[] values = new Object[keys.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = document.getOrMissing(keys.get(i));
                if (value != null
                        && !(value instanceof Missing
                                || value instanceof String
                                || value instanceof Boolean
                                || value instanceof ObjectId)) {
                    return null;
                }
                values[i] = value;
            }
            return values;
        }

        /** The key as the index stores it: a missing value counts as null. */
        private static Object[] normalized(Object[] values) {
            Object[] normalized = values.clone();
            for (int i = 0; i < normalized.length; i++) {
                if (normalized[i] instanceof Missing) {
                    normalized[i] = null;
                }
            }
            return normalized;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /**
     * A collection whose documents are kept in insertion order, as MongoDB returns them to a find
     * without a sort (its natural order; apps and the SDKs' tests rely on it). The stock collection
     * keys its documents by _id, so such a find came back sorted by objectId. Here a document's
     * position, the key of its entry, is a number counted up as documents are added; an update
     * keeps it (MongoDB keeps a record where it is). The _id index maps each _id to its position.
     *
     * <p>A file written before (documents keyed by _id) is renumbered when the collection opens:
     * in the order of _created_at where the documents have one (Parse's objects do), else of _id;
     * its indexes are built again ({@link Database#openOrCreateUniqueIndex}). The metadata map
     * records that the collection is numbered. Opening happens before the logs are replayed and
     * before any checkpoint, so a crash in between leaves the old file as it was.
     */
    private static final class Collection extends H2Collection implements Transaction.Changed {
        private static final String NUMBERING_KEY = "positions";
        private static final String INSERTION_ORDER = "insertion order";
        /** The position a document being put back by an abort takes again. */
        private static final ThreadLocal<Object> RESTORING = new ThreadLocal<>();
        /**
         * Set while this thread updates documents. The stock update changes the matched document in
         * place and puts it back, but that object is also what the store's last version holds: a
         * checkpoint whose pages H2 serializes after the update (in its own threads) would write the
         * update into the file although its log is applied again after a crash, and a find running
         * meanwhile would read a document half updated. So an update works on a copy of what it
         * matched, and the store's versions keep the documents they had.
         */
        private static final ThreadLocal<Boolean> UPDATING = ThreadLocal.withInitial(() -> Boolean.FALSE);

        Collection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Document> dataMap,
                MVMap<String, Object> metaMap,
                CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
            this.data = dataMap;
            this.renumbered = numberInInsertionOrder(dataMap, metaMap);
            Object last = dataMap.isEmpty() ? null : dataMap.lastKey();
            this.nextPosition = new AtomicLong(last instanceof Long l ? l + 1 : 1);
        }

        private final MVMap<Object, Document> data;
        /** Whether this collection was renumbered as it opened (its indexes are then built again). */
        final boolean renumbered;

        private final AtomicLong nextPosition;
        /** The open transaction that changed documents here, if any: others read around its changes. */
        private volatile Transaction transaction;

        /** Renumbers a collection keyed by _id; returns whether it did. */
        private static boolean numberInInsertionOrder(MVMap<Object, Document> data, MVMap<String, Object> meta) {
            if (INSERTION_ORDER.equals(meta.get(NUMBERING_KEY))) {
                return false;
            }
            List<Document> documents = new ArrayList<>(data.values()); // in _id order
            // a stable sort: documents without _created_at keep the _id order among themselves
            documents.sort((a, b) ->
                    ValueComparator.asc().compare(a.getOrMissing("_created_at"), b.getOrMissing("_created_at")));
            data.clear();
            long position = 1;
            for (Document d : documents) {
                data.put(position++, d);
            }
            meta.put(NUMBERING_KEY, INSERTION_ORDER);
            return !documents.isEmpty();
        }

        /** The next position, so that the data map's order is the order documents were added in. */
        @Override
        protected Object addDocumentInternal(Document document) {
            Object restoring = RESTORING.get();
            Object position = restoring != null ? restoring : nextPosition.getAndIncrement();
            changing(position, null);
            Document previous = data.put(position, document);
            if (previous != null) {
                throw new IllegalStateException("Position " + position + " of " + this + " was taken");
            }
            return position;
        }

        @Override
        protected void removeDocument(Object position) {
            changing(position, data.get(position));
            super.removeDocument(position);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            changing(position, oldDocument); // a copy the update made of the document as it was
            super.handleUpdate(position, oldDocument, newDocument);
        }

        /** Records, for the transaction this thread's command runs in, the document about to change. */
        private void changing(Object position, Document before) {
            Transaction current = CURRENT.get();
            // the catalogue (system.namespaces, system.indexes) stays: a collection made stays made
            if (current == null || getCollectionName().startsWith("system.")) {
                return;
            }
            transaction = current;
            current.changing(this, position, before);
        }

        @Override
        public void restore(Object position, Document before) {
            Document now = data.get(position);
            if (now != null) {
                removeDocument(now); // with its index keys
            }
            if (before != null) {
                RESTORING.set(position);
                try {
                    addDocument(before);
                } finally {
                    RESTORING.remove();
                }
            }
        }

        @Override
        public String fullName() {
            return getFullName();
        }

        @Override
        public void transactionEnded(Transaction ended) {
            if (transaction == ended) {
                transaction = null;
            }
        }

        /**
         * For a reader outside the open transaction that changed this collection: its documents as
         * they were before it, in order; null when there is nothing to hide from this thread. The
         * documents are read first, the changes after: each change is recorded before it is made.
         */
        private Stream<Document> beforeTheTransaction() {
            Transaction changedBy = transaction;
            if (changedBy == null || changedBy == CURRENT.get()) {
                return null;
            }
            TreeMap<Object, Document> view = new TreeMap<>();
            data.forEach(view::put);
            changedBy.before(this).forEach((position, before) -> {
                if (before == null) {
                    view.remove(position);
                } else {
                    view.put(position, before);
                }
            });
            return view.values().stream();
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Stream<Document> before = beforeTheTransaction();
            if (before == null) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }
            // no index: an index has the transaction's keys
            return matchDocumentsFromStream(before, query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        @Override
        public int count() {
            Stream<Document> before = beforeTheTransaction();
            return before == null ? super.count() : (int) before.count();
        }

        @Override
        public Document updateDocuments(
                Document selector,
                Document updateQuery,
                ArrayFilters arrayFilters,
                boolean isMulti,
                boolean isUpsert,
                Oplog oplog) {
            return onCopies(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
        }

        @Override
        public Document findAndModify(Document query) {
            return onCopies(() -> super.findAndModify(query));
        }

        /** Runs an update whose finds hand it copies of the documents they match. */
        private static Document onCopies(Supplier<Document> update) {
            UPDATING.set(Boolean.TRUE);
            try {
                return update.get();
            } finally {
                UPDATING.set(Boolean.FALSE);
            }
        }

        @Override
        protected QueryResult matchDocumentsFromStream(
                Stream<Document> documents,
                Document query,
                Document orderBy,
                int skip,
                int limit,
                int batchSize,
                Document fieldSelector) {
            Document timed = new TimedRegexes(TimedRegexes.MILLIS_PER_FIND).apply(query);
            Stream<Document> matching = documents.filter(CompiledQuery.compile(timed, this::documentMatchesQuery));
            if (UPDATING.get()) {
                matching = matching.map(Document::cloneDeeply);
            }
            if (orderBy == null
                    || orderBy.isEmpty()
                    || "$natural".equals(orderBy.keySet().iterator().next())) {
                return super.matchDocumentsFromStream(
                        matching, MATCH_ALL, orderBy, skip, limit, batchSize, fieldSelector);
            }
            List<String> keys = new ArrayList<>(orderBy.keySet());
            ValueComparator[] directions = new ValueComparator[keys.size()];
            boolean[] topLevel = new boolean[keys.size()];
            for (int i = 0; i < directions.length; i++) {
                String key = keys.get(i);
                directions[i] =
                        ((Number) orderBy.get(key)).intValue() > 0 ? ValueComparator.asc() : ValueComparator.desc();
                topLevel[i] = !key.isEmpty() && !"$".equals(key) && key.indexOf('.') < 0;
            }
            List<Keyed> matched = new ArrayList<>();
            matching.forEach(d -> {
                Object[] values = new Object[directions.length];
                for (int i = 0; i < values.length; i++) {
                    // a top-level key is what the stock path lookup comes down to, without splitting it
                    Object value = topLevel[i]
                            ? d.getOrMissing(keys.get(i))
                            : Utils.getSubdocumentValueCollectionAware(d, keys.get(i));
                    values[i] = sortable(value);
                }
                matched.add(new Keyed(d, values, matched.size()));
            });
            // the position breaks ties, so the order is the stock (stable) sort's
            Comparator<Keyed> order = (a, b) -> {
                for (int i = 0; i < directions.length; i++) {
                    int c = compare(a.values[i], b.values[i], directions[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.position, b.position);
            };
            List<Keyed> sorted = limit > 0 && skip >= 0 && (long) skip + limit < matched.size() / 2
                    ? firsts(matched, skip + limit, order)
                    : sortedAll(matched, order);
            // Skip, limit and projection as the stock code does; everything left already matches.
            return super.matchDocumentsFromStream(
                    MATCH_ALL, sorted.stream().map(k -> k.document), skip, limit, batchSize, null, fieldSelector);
        }

        private static List<Keyed> sortedAll(List<Keyed> all, Comparator<Keyed> order) {
            all.sort(order);
            return all;
        }

        /** The first n in order, without sorting the rest: a find with a small limit keeps a heap of n. */
        private static List<Keyed> firsts(List<Keyed> all, int n, Comparator<Keyed> order) {
            PriorityQueue<Keyed> kept = new PriorityQueue<>(n + 1, order.reversed()); // the last kept on top
            for (Keyed k : all) {
                if (kept.size() < n) {
                    kept.add(k);
                } else if (order.compare(k, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(k);
                }
            }
            List<Keyed> firsts = new ArrayList<>(kept);
            firsts.sort(order);
            return firsts;
        }

        private record Keyed(Document document, Object[] values, int position) {}

        /** A number that the stock comparator would compare as a double (no long involved). */
        private record FastNumber(double value) {}

        /**
         * Numbers become FastNumber when the stock comparator would compare them with
         * Double.compare after its normalisation (ints and non-integral doubles; -0.0 counts as 0);
         * everything else keeps its value and goes through the stock comparator.
         */
        private static Object sortable(Object v) {
            if (v instanceof Integer
                    || v instanceof Double
                    || v instanceof Float
                    || v instanceof Short
                    || v instanceof Byte) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return new FastNumber(d);
                }
                if (((Number) v).intValue() == d) {
                    return new FastNumber(((Number) v).intValue());
                }
                if (((Number) v).longValue() == d) {
                    return v; // normalised to a long by the stock comparator: keep its rules
                }
                return new FastNumber(d);
            }
            return v;
        }

        private static int compare(Object a, Object b, ValueComparator direction) {
            int c;
            if (a instanceof FastNumber x && b instanceof FastNumber y) {
                c = Double.compare(x.value(), y.value());
            } else if (a instanceof String x && b instanceof String y) {
                c = x.compareTo(y);
            } else {
                return direction.compare(raw(a), raw(b));
            }
            return direction == ValueComparator.asc() ? c : -c;
        }

        private static Object raw(Object v) {
            return v instanceof FastNumber n ? Double.valueOf(n.value()) : v;
        }
    }
}
