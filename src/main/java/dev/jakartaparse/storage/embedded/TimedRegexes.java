package dev.jakartaparse.storage.embedded;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A time budget for one find's {@code $regex} tests. mongo-java-server tests regexes with Java's
 * backtracking matcher, where {@code (.*a){12}$} ran for 14 s over a few documents. MongoDB fails
 * a query that runs past its {@code maxTimeMS} with code 50 "operation exceeded time limit"; so
 * does this store once one find's long regex tests took {@link #MILLIS_PER_FIND} together. The
 * query's regexes are replaced by ones whose matcher reads the text through {@link TimedText}; the
 * stock matcher asks them for {@code matcher(text).find()} as it asks its own.
 *
 * <p>One instance per find, used on the find's thread only.
 */
final class TimedRegexes implements TimedText.Budget {
    /** What one find's regex tests may take together (tests shorter than a few thousand steps are free). */
    static final long MILLIS_PER_FIND = 500;

    private final long budgetNanos;
    private long used;

    TimedRegexes(long millis) {
        this.budgetNanos = millis * 1_000_000;
    }

    /** The query with its regexes (documents with {@code $regex}, BSON regexes) timed; else the query itself. */
    Document apply(Document query) {
        return containsRegex(query) ? (Document) timed(query) : query;
    }

    @Override
    public void spend(long nanos) {
        used += nanos;
        if (used > budgetNanos) {
            throw new MongoServerError(50, "MaxTimeMSExpired", "operation exceeded time limit");
        }
    }

    private Object timed(Object value) {
        if (BsonRegularExpression.isRegularExpression(value)) {
            BsonRegularExpression regex = BsonRegularExpression.convertToRegularExpression(value);
            return new TimedRegularExpression(regex.getPattern(), regex.getOptions());
        }
        if (value instanceof Document d) {
            Document copy = new Document();
            for (Map.Entry<String, Object> e : d.entrySet()) {
                copy.put(e.getKey(), timed(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(timed(o));
            }
            return copy;
        }
        return value;
    }

    private static boolean containsRegex(Object value) {
        if (BsonRegularExpression.isRegularExpression(value)) {
            return true;
        }
        if (value instanceof Document d) {
            return d.values().stream().anyMatch(TimedRegexes::containsRegex);
        }
        return value instanceof List<?> list && list.stream().anyMatch(TimedRegexes::containsRegex);
    }

    /** The same regex (pattern, options, compiled once), matching on timed text. */
    private final class TimedRegularExpression extends BsonRegularExpression {
        private static final long serialVersionUID = 1L;

        TimedRegularExpression(String pattern, String options) {
            super(pattern, options);
        }

        @Override
        public Matcher matcher(String text) {
            return super.matcher("").reset(new TimedText(text, TimedRegexes.this));
        }
    }
}
