package dev.jakartaparse.storage.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps driver failures to the ParseExceptions Parse Server reports for them. */
final class MongoErrors {
    private static final Logger LOG = Logger.getLogger(MongoErrors.class.getName());

    private MongoErrors() {}

    static final int DUPLICATE_KEY = 11000;
    static final String DUPLICATE_VALUE_MESSAGE = "A duplicate value for a field with unique values was provided";

    static int codeOf(MongoException e) {
        if (e instanceof MongoWriteException w) {
            return w.getError().getCode();
        }
        if (e instanceof MongoBulkWriteException b && !b.getWriteErrors().isEmpty()) {
            return b.getWriteErrors().get(0).getCode();
        }
        if (e instanceof MongoCommandException c) {
            return c.getErrorCode();
        }
        return e.getCode();
    }

    static boolean isDuplicateKey(MongoException e) {
        int code = codeOf(e);
        return code == DUPLICATE_KEY
                || code == 11001
                || (e.getMessage() != null && e.getMessage().contains("E11000"));
    }

    /**
     * MongoDB's codes for a query or projection it refuses as written (bad value, failed parse, type
     * mismatch, an invalid regular expression, an empty or "$"-led field path, a path collision, a class
     * name too long for a collection): the
     * client's mistake, answered 102 with the database's own words, never the driver's (which name the
     * server's host and port).
     */
    private static final Set<Integer> REFUSED_QUERY = Set.of(
            2, 9, 14, 17287, 51091, 51108, 15998, 16410, 16411, 31249, 31250, 31253, 31254, 40352, 40353, 73, 10080);

    /**
     * A duplicate key becomes 137, a refused query 102, anything else an internal error (1) whose
     * detail goes to the log only.
     */
    static ParseException translate(MongoException e) {
        if (isDuplicateKey(e)) {
            return new ParseException(ParseError.DUPLICATE_VALUE, DUPLICATE_VALUE_MESSAGE);
        }
        int code = codeOf(e);
        if (code == 50) {
            // MaxTimeMSExpired: a query too expensive to finish (the embedded store's regex budget)
            return new ParseException(ParseError.TIMEOUT, "The query took too long to run.");
        }
        if (REFUSED_QUERY.contains(code) || code == -1 && e instanceof MongoCommandException) {
            // -1: the embedded database's answer to a query it cannot evaluate (e.g. a bad regex)
            return new ParseException(ParseError.INVALID_QUERY, serverMessage(e));
        }
        LOG.log(Level.SEVERE, "Database adapter error", e);
        return new ParseException(ParseError.INTERNAL_SERVER_ERROR, "Database adapter error");
    }

    /** The database's message without the driver's wrapping (which names the server). */
    private static String serverMessage(MongoException e) {
        String m = e instanceof MongoCommandException c ? c.getErrorMessage() : null;
        if (e instanceof MongoWriteException w) {
            m = w.getError().getMessage();
        }
        if (m == null || m.isBlank()) {
            return "Invalid query";
        }
        m = m.replaceFirst("^Unknown error: ", "");
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }
}
