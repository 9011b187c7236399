package dev.jakartaparse.rest.support;

/**
 * An HTTP-level refusal that Parse Server answers without a Parse code, e.g.
 * {@code 403 {"error":"unauthorized"}} or {@code 403 {"error":"Permission denied"}}.
 */
public class HttpError extends RuntimeException {
    private final int status;

    public HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static HttpError unauthorized() {
        return new HttpError(403, "unauthorized");
    }

    public static HttpError masterKeyRequired() {
        return new HttpError(403, "Permission denied");
    }
}
