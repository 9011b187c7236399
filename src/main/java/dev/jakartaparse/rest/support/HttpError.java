package dev.jakartaparse.rest.support;

/**
 * An HTTP-level refusal that Parse Server answers without a Parse code, e.g.
 * {@code 403 {"error":"unauthorized"}} or {@code 403 {"error":"Permission denied"}}.
 */
public class HttpError extends RuntimeException {
    private final int status;
    /** What a sanitized refusal says when enableSanitizedErrorResponse is off; null for the others. */
    private final String detail;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String detail) {
        super(message, null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The message for the client: the detail of a sanitized refusal only when sanitizing is off. */
    public String clientMessage(boolean sanitizeErrors) {
        return detail != null && !sanitizeErrors ? detail : getMessage();
    }

    public static HttpError unauthorized() {
        return new HttpError(403, "unauthorized");
    }

    public static HttpError masterKeyRequired() {
        return new HttpError(403, "Permission denied");
    }

    /** Parse Server's createSanitizedHttpError: 403 "Permission denied", or the detail when not sanitizing. */
    public static HttpError forbidden(String detail) {
        return new HttpError(403, "Permission denied", detail);
    }
}
