package dev.jakartaparse.core;

/**
 * A failure the client is told about as {@code {"code": N, "error": "..."}}.
 * The HTTP status follows Parse Server: 404 for OBJECT_NOT_FOUND, 500 for INTERNAL_SERVER_ERROR,
 * 400 for everything else unless a status is given explicitly.
 */
public class ParseException extends RuntimeException {
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
