package dev.jakartaparse.model;

/**
 * A failure the client is told about as {@code {"code": N, "error": "..."}}.
 * The HTTP status follows Parse Server: 404 for OBJECT_NOT_FOUND, 500 for INTERNAL_SERVER_ERROR,
 * 400 for everything else unless a status is given explicitly.
 */
public class ParseException extends RuntimeException {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ParseException.class.getName());
    /** enableSanitizedErrorResponse (Parse Server's default: true), set once at start-up. */
    private static volatile boolean sanitize = true;

    private final int code;
    private final int httpStatus;

    public ParseException(int code, String message) {
        this(code, message, defaultStatus(code));
    }

    public ParseException(int code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * An access-control failure as Parse Server's createSanitizedError reports it: the client
     * sees only "Permission denied" (with the real code) unless enableSanitizedErrorResponse is
     * false; the detail goes to the server log.
     */
    public static ParseException sanitized(int code, String detailedMessage) {
        LOG.info(detailedMessage);
        return new ParseException(code, sanitize ? "Permission denied" : detailedMessage);
    }

    public static void sanitizeErrorResponses(boolean enabled) {
        sanitize = enabled;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    private static int defaultStatus(int code) {
        return switch (code) {
            case ParseError.OBJECT_NOT_FOUND -> 404;
            case ParseError.INTERNAL_SERVER_ERROR -> 500;
            default -> 400;
        };
    }
}
