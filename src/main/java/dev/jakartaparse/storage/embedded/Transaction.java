package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * A multi-document transaction of the embedded database, opened by a client session's command
 * with {@code startTransaction} and ended by {@code commitTransaction} or {@code abortTransaction},
 * as MongoDB's drivers run them. Its writes are applied as they come, one transaction at a time,
 * and each change a write makes to a document is recorded here with the document as it was:
 * <ul>
 * <li>an abort puts every changed document back as it was, at its place, newest change first;</li>
 * <li>readers outside the transaction see the documents as they were before it
 * ({@link #before});</li>
 * <li>the write commands go to the write-ahead log as one record at the commit, so that a crash
 * leaves all of them or none, and no checkpoint takes place while a transaction is open.</li>
 * </ul>
 */
final class Transaction {
    /** MongoDB's transactionLifetimeLimitSeconds: a transaction open longer is aborted when it is in the way. */
    private static final long LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A collection whose documents a transaction changes. */
    interface Changed {
        /** Puts the document back at the position as it was (null: no document there). */
        void restore(Object position, Document before);

        /** Forgets the transaction: it is over. */
        void transactionEnded(Transaction transaction);

        String fullName();
    }

    private record Change(Changed collection, Object position, Document before) {}

    private final Document sessionId;
    private final long number;
    private final long startedAt = System.nanoTime();
    /** Appended by the transaction's commands, read by other readers at the same time. */
    private final ConcurrentLinkedDeque<Change> changes = new ConcurrentLinkedDeque<>();

    private final Set<Changed> collections = ConcurrentHashMap.newKeySet();
    private final Set<String> collectionNames = ConcurrentHashMap.newKeySet();
    /** The write commands applied, for the log at the commit; under the store's write lock. */
    private final List<WriteAheadLog.Entry> writes = new ArrayList<>();

    Transaction(Document sessionId, long number) {
        this.sessionId = sessionId;
        this.number = number;
    }

    boolean is(Document session, long txnNumber) {
        return Objects.equals(sessionId, session) && number == txnNumber;
    }

    long number() {
        return number;
    }

    long remainingNanos() {
        return LIFETIME_NANOS - (System.nanoTime() - startedAt);
    }

    /** Records a change, before it is made: a reader that sees the change then sees this too. */
    void changing(Changed collection, Object position, Document before) {
        if (collections.add(collection)) {
            collectionNames.add(collection.fullName());
        }
        changes.add(new Change(collection, position, before));
    }

    boolean changed(String fullCollectionName) {
        return collectionNames.contains(fullCollectionName);
    }

    void wrote(String database, Document command) {
        writes.add(new WriteAheadLog.Entry(database, command));
    }

    List<WriteAheadLog.Entry> writes() {
        return Collections.unmodifiableList(writes);
    }

    /**
     * The collection's documents the transaction changed, by position, as they were before it
     * (null where there was none).
     */
    Map<Object, Document> before(Changed collection) {
        Map<Object, Document> before = new LinkedHashMap<>();
        for (Change c : changes) {
            if (c.collection() == collection && !before.containsKey(c.position())) {
                before.put(c.position(), c.before());
            }
        }
        return before;
    }

    /** Undoes every change, newest first. */
    void undo() {
        for (Iterator<Change> it = changes.descendingIterator(); it.hasNext(); ) {
            Change c = it.next();
            c.collection().restore(c.position(), c.before());
        }
    }

    /** Tells the collections it changed that it is over. */
    void end() {
        for (Changed c : collections) {
            c.transactionEnded(this);
        }
    }
}
