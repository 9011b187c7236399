package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * How long a compiled query's {@code $regex} tests may run: a pattern that backtracks without end
 * ({@code (.*a){12}$}) would otherwise hold a thread for seconds per object. The text is read
 * through {@link TimedText}, which ends a match once its time is up.
 *
 * <ul>
 * <li>{@link #NONE}: no limit;</li>
 * <li>{@link #eachMatch}: each test may take so long; one that runs out does not match and is
 * logged (Parse Server's LiveQuery {@code regexTimeout}). Holds no state: may be shared;</li>
 * <li>{@link #perQuery}: all of one query's tests together may take so long; then the query fails
 * with 124 (Parse's TIMEOUT: the request is too expensive to run). Counts what it used, so one
 * instance serves one query on one thread.</li>
 * </ul>
 */
public final class RegexLimit {
    private static final Logger LOG = Logger.getLogger(RegexLimit.class.getName());

    public static final RegexLimit NONE = new RegexLimit(0, false);

    private final long nanos;
    private final boolean wholeQuery;
    private long used;

    private RegexLimit(long nanos, boolean wholeQuery) {
        this.nanos = nanos;
        this.wholeQuery = wholeQuery;
    }

    /** Each test at most millis (0: no limit); a test that runs out is a non-match. */
    public static RegexLimit eachMatch(long millis) {
        return millis <= 0 ? NONE : new RegexLimit(millis * 1_000_000, false);
    }

    /** All tests of one query at most millis together; past that the query fails with 124. */
    public static RegexLimit perQuery(long millis) {
        return new RegexLimit(millis * 1_000_000, true);
    }

    /** {@code pattern.matcher(text).find()}, within the limit. */
    boolean find(Pattern pattern, String text) {
        if (nanos == 0) {
            return pattern.matcher(text).find();
        }
        if (wholeQuery) {
            return pattern.matcher(new TimedText(text, this::spendOfQuery)).find();
        }
        long[] spent = {0};
        try {
            return pattern.matcher(new TimedText(text, n -> {
                        spent[0] += n;
                        if (spent[0] > nanos) {
                            throw new TimeUp();
                        }
                    }))
                    .find();
        } catch (TimeUp e) {
            LOG.warning(() ->
                    "Regex timeout: pattern \"" + pattern.pattern() + "\" exceeded " + nanos / 1_000_000 + "ms limit");
            return false;
        }
    }

    private void spendOfQuery(long n) {
        used += n;
        if (used > nanos) {
            throw new ParseException(ParseError.TIMEOUT, "The query took too long to run.");
        }
    }

    /** Ends one match; a signal, without a stack trace. */
    private static final class TimeUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeUp() {
            super(null, null, false, false);
        }
    }
}
