package dev.jakartaparse.storage.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

/** Maps driver failures to the ParseExceptions Parse Server reports for them. */
final class MongoErrors {
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

    /** A duplicate key becomes 137; anything else is an internal error (1) with the driver's message. */
    static ParseException translate(MongoException e) {
        if (isDuplicateKey(e)) {
            return new ParseException(ParseError.DUPLICATE_VALUE, DUPLICATE_VALUE_MESSAGE);
        }
        int code = codeOf(e);
        if (code == 2 || code == 9 || code == 17287) {
            // BadValue / FailedToParse: a query Mongo refuses (e.g. a bad regex): the client's mistake
            return new ParseException(ParseError.INVALID_QUERY, e.getMessage());
        }
        if (code == 50) {
            // MaxTimeMSExpired: a query too expensive to finish (the embedded store's regex budget)
            return new ParseException(ParseError.TIMEOUT, "The query took too long to run.");
        }
        if (code == 51091 || code == 51108) {
            // invalid regular expression
            return new ParseException(ParseError.INVALID_QUERY, e.getMessage());
        }
        return new ParseException(ParseError.INTERNAL_SERVER_ERROR, "Database adapter error: " + e.getMessage());
    }
}
