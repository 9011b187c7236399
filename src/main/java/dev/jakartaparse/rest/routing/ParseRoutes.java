package dev.jakartaparse.rest.routing;

import static dev.jakartaparse.rest.routing.Endpoint.AGGREGATE;
import static dev.jakartaparse.rest.routing.Endpoint.BATCH;
import static dev.jakartaparse.rest.routing.Endpoint.CONFIG;
import static dev.jakartaparse.rest.routing.Endpoint.CURRENT_SESSION;
import static dev.jakartaparse.rest.routing.Endpoint.CURRENT_USER;
import static dev.jakartaparse.rest.routing.Endpoint.EMAIL_PAGES;
import static dev.jakartaparse.rest.routing.Endpoint.EVENTS;
import static dev.jakartaparse.rest.routing.Endpoint.FILES;
import static dev.jakartaparse.rest.routing.Endpoint.FUNCTION;
import static dev.jakartaparse.rest.routing.Endpoint.HEALTH;
import static dev.jakartaparse.rest.routing.Endpoint.HOOKS;
import static dev.jakartaparse.rest.routing.Endpoint.JOB;
import static dev.jakartaparse.rest.routing.Endpoint.JOB_SCHEDULES;
import static dev.jakartaparse.rest.routing.Endpoint.LOGIN;
import static dev.jakartaparse.rest.routing.Endpoint.LOGIN_AS;
import static dev.jakartaparse.rest.routing.Endpoint.LOGOUT;
import static dev.jakartaparse.rest.routing.Endpoint.OBJECT;
import static dev.jakartaparse.rest.routing.Endpoint.OBJECTS;
import static dev.jakartaparse.rest.routing.Endpoint.PASSWORD_RESET_REQUEST;
import static dev.jakartaparse.rest.routing.Endpoint.PURGE;
import static dev.jakartaparse.rest.routing.Endpoint.PUSH;
import static dev.jakartaparse.rest.routing.Endpoint.PUSH_AUDIENCES;
import static dev.jakartaparse.rest.routing.Endpoint.SCHEMAS;
import static dev.jakartaparse.rest.routing.Endpoint.SCRIPT_LOG;
import static dev.jakartaparse.rest.routing.Endpoint.SERVER_INFO;
import static dev.jakartaparse.rest.routing.Endpoint.UPGRADE_SESSION;
import static dev.jakartaparse.rest.routing.Endpoint.VERIFICATION_EMAIL_REQUEST;
import static dev.jakartaparse.rest.routing.Endpoint.VERIFY_PASSWORD;
import static dev.jakartaparse.rest.routing.Route.delete;
import static dev.jakartaparse.rest.routing.Route.get;
import static dev.jakartaparse.rest.routing.Route.post;
import static dev.jakartaparse.rest.routing.Route.put;

import dev.jakartaparse.cloud.runtime.CloudCodeExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Parse's REST routes, as this server serves them. */
public final class ParseRoutes {

    /** The classes that have routes of their own besides /classes/{className}, as in Parse Server. */
    private static final Map<String, String> ALIASES = aliases();

    /** Parse Server's validator rate limits guard the alias route of these classes only (its getRoute). */
    private static final Set<String> RATE_LIMITED_BY_ALIAS = Set.of("_User", "_Session");

    public static final RouteTable TABLE = new RouteTable(routes());

    private ParseRoutes() {}

    private static Map<String, String> aliases() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("users", "_User");
        a.put("sessions", "_Session");
        a.put("roles", "_Role");
        a.put("installations", "_Installation");
        return a;
    }

    private static List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(get("classes/{className}", OBJECTS));
        r.add(post("classes/{className}", OBJECTS).withIdempotency());
        r.add(get("classes/{className}/{objectId}", OBJECT));
        r.add(put("classes/{className}/{objectId}", OBJECT).withIdempotency());
        r.add(delete("classes/{className}/{objectId}", OBJECT));
        ALIASES.forEach((alias, className) -> {
            // Parse Server ensures idempotency on the users and installations routes, not on sessions or roles.
            boolean idempotency = "_User".equals(className) || "_Installation".equals(className);
            List<Route> own = new ArrayList<>();
            own.add(get(alias, OBJECTS));
            own.add(idempotency ? post(alias, OBJECTS).withIdempotency() : post(alias, OBJECTS));
            own.add(get(alias + "/{objectId}", OBJECT));
            own.add(
                    idempotency
                            ? put(alias + "/{objectId}", OBJECT).withIdempotency()
                            : put(alias + "/{objectId}", OBJECT));
            own.add(delete(alias + "/{objectId}", OBJECT));
            for (Route route : own) {
                r.add(route.ofClass(className));
            }
        });
        r.add(get("users/me", CURRENT_USER));
        r.add(get("sessions/me", CURRENT_SESSION));
        r.add(post("upgradeToRevocableSession", UPGRADE_SESSION));
        r.add(get("login", LOGIN));
        r.add(post("login", LOGIN));
        // Parse Server checks the master key of /loginAs in the operation, answering 119 (not 403).
        r.add(post("loginAs", LOGIN_AS));
        r.add(get("verifyPassword", VERIFY_PASSWORD));
        r.add(post("verifyPassword", VERIFY_PASSWORD));
        r.add(post("logout", LOGOUT));
        r.add(post("verificationEmailRequest", VERIFICATION_EMAIL_REQUEST));
        r.add(post("requestPasswordReset", PASSWORD_RESET_REQUEST));
        r.add(get("apps/{appId}/verify_email", EMAIL_PAGES).withoutKeys());
        r.add(post("apps/{appId}/resend_verification_email", EMAIL_PAGES).withoutKeys());
        r.add(get("apps/{appId}/request_password_reset", EMAIL_PAGES).withoutKeys());
        r.add(post("apps/{appId}/request_password_reset", EMAIL_PAGES).withoutKeys());

        r.add(post("functions/{functionName}", FUNCTION).withIdempotency());
        r.add(post("jobs/{jobName}", JOB).withIdempotency().masterKey("run a job"));
        r.add(post("jobs", JOB).masterKey("run a job"));
        r.add(get("cloud_code/jobs", JOB_SCHEDULES).masterKey());
        r.add(get("cloud_code/jobs/data", JOB_SCHEDULES).masterKey());
        r.add(post("cloud_code/jobs", JOB_SCHEDULES).masterKey());
        r.add(put("cloud_code/jobs/{objectId}", JOB_SCHEDULES).masterKey());
        r.add(delete("cloud_code/jobs/{objectId}", JOB_SCHEDULES).masterKey());
        r.add(post("batch", BATCH));

        r.add(get("config", CONFIG));
        r.add(put("config", CONFIG).masterKey("update the config"));
        r.add(get("schemas", SCHEMAS).masterKey());
        r.add(get("schemas/{className}", SCHEMAS).masterKey());
        r.add(post("schemas", SCHEMAS).masterKey("create a schema"));
        r.add(post("schemas/{className}", SCHEMAS).masterKey("create a schema"));
        r.add(put("schemas/{className}", SCHEMAS).masterKey("update a schema"));
        r.add(delete("schemas/{className}", SCHEMAS).masterKey("delete a schema"));
        r.add(delete("purge/{className}", PURGE).masterKey("purge a schema"));
        r.add(get("aggregate/{className}", AGGREGATE).masterKey());
        r.add(get("hooks/functions", HOOKS).masterKey());
        r.add(get("hooks/functions/{functionName}", HOOKS).masterKey());
        r.add(get("hooks/triggers", HOOKS).masterKey());
        r.add(get("hooks/triggers/{className}/{triggerName}", HOOKS).masterKey());
        r.add(post("hooks/functions", HOOKS).masterKey("create a hook"));
        r.add(post("hooks/triggers", HOOKS).masterKey("create a hook"));
        r.add(put("hooks/functions/{functionName}", HOOKS).masterKey("modify a hook"));
        r.add(put("hooks/triggers/{className}/{triggerName}", HOOKS).masterKey("modify a hook"));

        r.add(post("files", FILES));
        // Parse Server's file routes refuse the read-only master key with a bare 403.
        r.add(post("files/{filename}", FILES).masterKey(MasterOnly.notReadOnlyOverHttp("create a file")));
        r.add(get("files/{appId}/{filename: .+}", FILES).withoutKeys());
        r.add(delete("files/{filename: .+}", FILES).masterKey(MasterOnly.refusingReadOnlyOverHttp("delete a file")));
        r.add(get("scriptlog", SCRIPT_LOG).masterKey());
        r.add(get("health", HEALTH).withoutKeys());
        r.add(post("health", HEALTH).withoutKeys());
        r.add(get("serverInfo", SERVER_INFO).masterKey());
        r.add(post("events/{eventName}", EVENTS));
        r.add(post("push", PUSH).masterKey("send push notifications"));
        r.add(get("push_audiences", PUSH_AUDIENCES).masterKey());
        r.add(get("push_audiences/{objectId}", PUSH_AUDIENCES).masterKey());
        r.add(post("push_audiences", PUSH_AUDIENCES).masterKey());
        r.add(put("push_audiences/{objectId}", PUSH_AUDIENCES).masterKey());
        r.add(delete("push_audiences/{objectId}", PUSH_AUDIENCES).masterKey());
        return r;
    }

    /** The class an alias route serves (users: _User), or null when the segment is not one. */
    public static String classOf(String alias) {
        return ALIASES.get(alias);
    }

    /**
     * A path and everything below it, for these methods (every method when empty): what a Cloud Code
     * validator's rateLimit guards.
     */
    public record GuardedPath(String path, List<String> methods) {}

    /**
     * The route a validator's rateLimit guards for a function or trigger, as Parse Server's Cloud
     * Code registers it, or null for the kinds that take no rate limit.
     */
    public static GuardedPath rateLimited(CloudCodeExtension.Kind kind, String name) {
        return switch (kind) {
            case FUNCTION ->
                new GuardedPath(only(FUNCTION, null).path().expand(Map.of("functionName", name)), List.of());
            case BEFORE_SAVE -> new GuardedPath(objectsPath(name), List.of("POST", "PUT"));
            case BEFORE_DELETE -> new GuardedPath(objectsPath(name), List.of("DELETE"));
            case BEFORE_FIND -> new GuardedPath(objectsPath(name), List.of("GET"));
            case BEFORE_LOGIN -> new GuardedPath(only(LOGIN, null).path().expand(Map.of()), List.of("POST", "GET"));
            default -> null;
        };
    }

    /** /classes/{className}, or the class's own route for _User and _Session. */
    private static String objectsPath(String className) {
        Route objects = only(OBJECTS, RATE_LIMITED_BY_ALIAS.contains(className) ? className : null);
        return objects.path().expand(Map.of("className", className));
    }

    private static Route only(Endpoint endpoint, String className) {
        return TABLE.routes().stream()
                .filter(r -> r.endpoint() == endpoint && Objects.equals(r.className(), className))
                .findFirst()
                .orElseThrow();
    }
}
