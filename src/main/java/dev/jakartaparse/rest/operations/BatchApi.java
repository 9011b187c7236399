package dev.jakartaparse.rest.operations;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.Endpoint;
import dev.jakartaparse.rest.routing.MasterOnly;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.routing.RouteMatch;
import dev.jakartaparse.rest.routing.RouteTable;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.HttpError;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POST /batch: each sub-request is matched against the route table, checked for the master key its
 * route needs, and run by the same operations as its own route, with the caller's auth; the answers
 * come in order, {@code {"success":...}} or {@code {"error":{code,error}}}. A sub-request that no
 * route of batch matches fails the whole batch before anything runs.
 */
@ApplicationScoped
public class BatchApi {
    private static final Logger LOG = Logger.getLogger(BatchApi.class.getName());
    /** The endpoints batch runs (those of the class operations, as before). */
    private static final Set<Endpoint> IN_BATCH = Set.of(Endpoint.OBJECTS, Endpoint.OBJECT);

    @Inject
    ParseConfig config;

    @Inject
    ClassesApi classes;

    @Inject
    ObjectWrite write;

    RouteTable routes = ParseRoutes.TABLE;

    /**
     * A check the sub-requests of a batch pass, all of them before any runs (the rate limits of the
     * routes they name); it throws a ParseException to refuse the batch.
     */
    @FunctionalInterface
    public interface Gate {
        /** @param subRequests the method and routable path (below the mount) of each sub-request */
        void admit(List<String[]> subRequests);
    }

    public ApiResponse run(ParseRequest req, String mountUrl) {
        return run(req, mountUrl, subRequests -> {});
    }

    public ApiResponse run(ParseRequest req, String mountUrl, Gate gate) {
        Map<String, Object> body = req.objectBody();
        if (!(body.get("requests") instanceof List<?> requests)) {
            throw new ParseException(ParseError.INVALID_JSON, "requests must be an array");
        }
        int limit = config.batchRequestLimit();
        if (limit >= 0 && requests.size() > limit && !req.auth().master()) {
            throw new ParseException(
                    ParseError.INVALID_JSON,
                    "Batch request contains " + requests.size() + " sub-requests, which exceeds the limit of " + limit
                            + ".");
        }
        for (Object r : requests) {
            if (!(r instanceof Map<?, ?> m) || !(m.get("path") instanceof String)) {
                throw new ParseException(ParseError.INVALID_JSON, "batch request path must be a string");
            }
        }
        boolean transaction = Boolean.TRUE.equals(body.get("transaction"));
        if (transaction && !write.supportsTransactions()) {
            throw new ParseException(
                    ParseError.COMMAND_UNAVAILABLE,
                    "Transactions are not supported by this database; send the batch without transaction: true.");
        }
        List<SubRequest> planned = new ArrayList<>();
        for (Object r : requests) {
            planned.add(plan((Map<?, ?>) r));
        }
        gate.admit(planned.stream()
                .map(p -> new String[] {p.route().route().method(), p.path()})
                .toList());
        if (transaction) {
            return ApiResponse.ok(write.inTransaction(() -> runAll(planned, req, mountUrl)));
        }
        List<Object> results = new ArrayList<>();
        for (SubRequest sub : planned) {
            results.add(runOne(sub, req, mountUrl));
        }
        return ApiResponse.ok(results);
    }

    /**
     * The sub-requests of a transaction, in order, up to the first that fails: its error is the
     * batch's answer, and the transaction is rolled back. Parse Server runs them all and then
     * answers HTTP 500 {"code":1,"message":"Internal server error."}; a client's mistake gets its
     * own error here instead, with the status of its code (the SDK reports either as one error).
     */
    private List<Object> runAll(List<SubRequest> planned, ParseRequest req, String mountUrl) {
        List<Object> results = new ArrayList<>();
        for (SubRequest sub : planned) {
            Map<String, Object> result = runOne(sub, req, mountUrl);
            if (result.get("error") instanceof Map<?, ?> error) {
                throw new ParseException(((Number) error.get("code")).intValue(), String.valueOf(error.get("error")));
            }
            results.add(result);
        }
        return results;
    }

    private record SubRequest(RouteMatch route, String path, Object body) {}

    /** Resolves a sub-request's route; a request that cannot be routed fails the whole batch. */
    private SubRequest plan(Map<?, ?> r) {
        String method = String.valueOf(r.get("method") == null ? "GET" : r.get("method"))
                .toUpperCase(Locale.ROOT);
        String path = routablePath((String) r.get("path"));
        if (routes.pathIs(path, Endpoint.BATCH)) {
            throw new ParseException(ParseError.INVALID_JSON, "nested batch requests are not allowed");
        }
        RouteMatch match = routes.match(method, path);
        if (match == null || !IN_BATCH.contains(match.route().endpoint())) {
            throw unknownRoute(method, path);
        }
        return new SubRequest(match, path, r.get("body"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runOne(SubRequest r, ParseRequest parent, String mountUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Object b = r.body();
            Map<String, Object> subBody =
                    b instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            ParseRequest sub = parent.subRequest(subBody);
            MasterOnly master = r.route().route().masterOnly();
            if (master != null) {
                master.check(sub.auth());
            }
            out.put("success", dispatch(r, sub, mountUrl).body());
        } catch (ParseException e) {
            out.put("error", Responses.errorBody(e, config.enableSanitizedErrorResponse()));
        } catch (HttpError e) {
            out.put("error", Map.of("code", ParseError.OPERATION_FORBIDDEN, "error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Batch sub-request failed", e);
            out.put("error", Map.of("code", ParseError.INTERNAL_SERVER_ERROR, "error", "Internal server error."));
        }
        return out;
    }

    /** The operation the JAX-RS resource of the same route calls. */
    private ApiResponse dispatch(SubRequest r, ParseRequest sub, String mountUrl) {
        RouteMatch match = r.route();
        String method = match.route().method();
        String className = match.className();
        String objectId = match.parameter("objectId");
        return switch (match.route().endpoint()) {
            case OBJECTS ->
                switch (method) {
                    case "POST" -> classes.create(className, sub, mountUrl);
                    case "GET" -> classes.find(className, sub, mountUrl);
                    default -> throw unknownRoute(method, r.path());
                };
            case OBJECT ->
                switch (method) {
                    case "GET" -> classes.get(className, objectId, sub, mountUrl);
                    case "PUT" -> classes.update(className, objectId, sub);
                    case "DELETE" -> classes.delete(className, objectId, sub);
                    default -> throw unknownRoute(method, r.path());
                };
            default -> throw unknownRoute(method, r.path());
        };
    }

    /** "/parse/classes/X" -> "/classes/X"; the prefix must be the mount path (or serverURL's path). */
    private String routablePath(String requestPath) {
        String mount = config.mountPath();
        String prefix = "/".equals(mount) ? "" : mount;
        String p = requestPath;
        if (!prefix.isEmpty() && !p.startsWith(prefix + "/")) {
            String alt = pathOf(config.publicServerURL());
            if (alt != null && p.startsWith(alt + "/")) {
                prefix = alt;
            } else {
                throw new ParseException(ParseError.INVALID_JSON, "cannot route batch path " + requestPath);
            }
        }
        String rest = p.substring(prefix.length());
        int q = rest.indexOf('?');
        return URI.create(q >= 0 ? rest.substring(0, q) : rest).normalize().getPath();
    }

    private static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            String p = URI.create(url).getPath();
            return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ParseException unknownRoute(String method, String path) {
        return new ParseException(ParseError.INVALID_JSON, "cannot route " + method + " " + path);
    }
}
