package dev.jakartaparse.model;

import java.util.logging.Logger;

/**
 * A failure the client is told about as {@code {"code": N, "error": "..."}}.
 * The HTTP status follows Parse Server: 404 for OBJECT_NOT_FOUND, 500 for INTERNAL_SERVER_ERROR,
 * 400 for everything else unless a status is given explicitly.
 *
 * <p>A {@linkplain #sanitized sanitized} error carries two messages: "Permission denied", its
 * {@link #getMessage()}, and the detail. Which one the client gets is decided where the error is
 * answered (REST, batch, LiveQuery, job status), from enableSanitizedErrorResponse, through
 * {@link #clientMessage(boolean)}.
 */
public class ParseException extends RuntimeException {
    private static final Logger LOG = Logger.getLogger(ParseException.class.getName());
    private static final String PERMISSION_DENIED = "Permission denied";

    private final int code;
    private final int httpStatus;
    /** The detail of a sanitized error; null for any other. */
    private final String detailedMessage;

    public ParseException(int code, String message) {
        this(code, message, defaultStatus(code));
    }

    public ParseException(int code, String message, int httpStatus) {
        this(code, message, httpStatus, null);
    }

    private ParseException(int code, String message, int httpStatus, String detailedMessage) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
        this.detailedMessage = detailedMessage;
    }

    /**
     * An access-control failure as Parse Server's createSanitizedError reports it: the client
     * sees only "Permission denied" (with the real code) unless enableSanitizedErrorResponse is
     * false; the detail goes to the server log.
     */
    public static ParseException sanitized(int code, String detailedMessage) {
        LOG.info(detailedMessage);
        return new ParseException(code, PERMISSION_DENIED, defaultStatus(code), detailedMessage);
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The message for the client: a sanitized error's detail only when sanitizing is off (enableSanitizedErrorResponse false). */
    public String clientMessage(boolean sanitizeErrors) {
        return sanitizeErrors || detailedMessage == null ? getMessage() : detailedMessage;
    }

    private static int defaultStatus(int code) {
        return switch (code) {
            case ParseError.OBJECT_NOT_FOUND -> 404;
            case ParseError.INTERNAL_SERVER_ERROR -> 500;
            default -> 400;
        };
    }
}
