package dev.jakartaparse.rest.routing;

/**
 * One of Parse's routes.
 *
 * @param method         the HTTP method
 * @param path           the path below the mount path
 * @param endpoint       what it serves
 * @param className      the class of an alias route (/users is _User), else null (the class, if
 *                       any, is the path's className)
 * @param needsKeys      false for the routes anyone may call without the application id
 * @param masterOnly     what the master keys may do here, or null when the route has no rule for them
 * @param idempotent     whether requests with an X-Parse-Request-Id run once (idempotencyOptions)
 */
public record Route(
        String method,
        PathTemplate path,
        Endpoint endpoint,
        String className,
        boolean needsKeys,
        MasterOnly masterOnly,
        boolean idempotent) {

    static Route get(String template, Endpoint endpoint) {
        return of("GET", template, endpoint);
    }

    static Route post(String template, Endpoint endpoint) {
        return of("POST", template, endpoint);
    }

    static Route put(String template, Endpoint endpoint) {
        return of("PUT", template, endpoint);
    }

    static Route delete(String template, Endpoint endpoint) {
        return of("DELETE", template, endpoint);
    }

    static Route of(String method, String template, Endpoint endpoint) {
        return new Route(method, PathTemplate.of(template), endpoint, null, true, null, false);
    }

    Route ofClass(String aliasedClass) {
        return new Route(method, path, endpoint, aliasedClass, needsKeys, masterOnly, idempotent);
    }

    Route withoutKeys() {
        return new Route(method, path, endpoint, className, false, masterOnly, idempotent);
    }

    /** The master key or the read-only one. */
    Route masterKey() {
        return new Route(method, path, endpoint, className, needsKeys, MasterOnly.READ_ONLY_ALLOWED, idempotent);
    }

    /** The master key, not the read-only one: it may not "{@code action}". */
    Route masterKey(String action) {
        return new Route(method, path, endpoint, className, needsKeys, MasterOnly.refusingReadOnly(action), idempotent);
    }

    /** The master keys' rule of the route (the read-only key refused over HTTP, say). */
    Route masterKey(MasterOnly rule) {
        return new Route(method, path, endpoint, className, needsKeys, rule, idempotent);
    }

    Route withIdempotency() {
        return new Route(method, path, endpoint, className, needsKeys, masterOnly, true);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
