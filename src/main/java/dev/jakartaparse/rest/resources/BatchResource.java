package dev.jakartaparse.rest.resources;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.jakartaparse.rest.operations.ClassRoutes;
import dev.jakartaparse.rest.operations.ClassesApi;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.HttpError;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;

/**
 * REST: POST /batch. Each sub-request runs through the same operations as its own route would,
 * with the caller's auth, and is answered in order with {@code {"success":...}} or
 * {@code {"error":{code,error}}}.
 */
@Path("batch")
@ApplicationScoped
public class BatchResource {
    private static final Logger LOG = Logger.getLogger(BatchResource.class.getName());

    @Inject
    ParseConfig config;
    @Inject
    ClassesApi classes;
    @Inject
    MountUrl mountUrl;
    @Inject
    ObjectWrite write;

    @POST
    public Response batch(@Context HttpServletRequest ctx) {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> body = req.objectBody();
        if (!(body.get("requests") instanceof List<?> requests)) {
            throw new ParseException(ParseError.INVALID_JSON, "requests must be an array");
        }
        int limit = config.batchRequestLimit();
        if (limit >= 0 && requests.size() > limit && !req.auth().master()) {
            throw new ParseException(ParseError.INVALID_JSON, "Batch request contains " + requests.size()
                    + " sub-requests, which exceeds the limit of " + limit + ".");
        }
        for (Object r : requests) {
            if (!(r instanceof Map<?, ?> m) || !(m.get("path") instanceof String)) {
                throw new ParseException(ParseError.INVALID_JSON, "batch request path must be a string");
            }
        }
        if (Boolean.TRUE.equals(body.get("transaction")) && !write.supportsTransactions()) {
            throw new ParseException(ParseError.COMMAND_UNAVAILABLE,
                    "Transactions are not supported by this database; send the batch without transaction: true.");
        }
        List<SubRequest> planned = new ArrayList<>();
        for (Object r : requests) {
            planned.add(plan((Map<?, ?>) r));
        }
        String mount = mountUrl.of(ctx);
        List<Object> results = new ArrayList<>();
        for (SubRequest sub : planned) {
            results.add(runOne(sub, req, mount));
        }
        return Responses.ok(results);
    }

    private record SubRequest(String method, String path, Object body) {
    }

    /** Resolves a sub-request's route; a request that cannot be routed fails the whole batch. */
    private SubRequest plan(Map<?, ?> r) {
        String method = String.valueOf(r.get("method") == null ? "GET" : r.get("method")).toUpperCase(Locale.ROOT);
        String path = routablePath((String) r.get("path"));
        if (path.equals("/batch")) {
            throw new ParseException(ParseError.INVALID_JSON, "nested batch requests are not allowed");
        }
        if (!routable(method, path)) {
            throw unknownRoute(method, path);
        }
        return new SubRequest(method, path, r.get("body"));
    }

    private static boolean routable(String method, String path) {
        String[] target = classTarget(path);
        if (target == null) {
            return false;
        }
        return target[1] == null ? method.equals("POST") || method.equals("GET")
                : method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
    }

    /** {className, objectId or null} for /classes/X[/id] and the alias routes (/users[/id], ...). */
    private static String[] classTarget(String path) {
        String[] parts = path.substring(1).split("/");
        if ("classes".equals(parts[0]) && (parts.length == 2 || parts.length == 3)) {
            return new String[] {parts[1], parts.length == 3 ? parts[2] : null};
        }
        String aliased = ClassRoutes.classOf(parts[0]);
        if (aliased != null && (parts.length == 1 || parts.length == 2 && !"me".equals(parts[1]))) {
            return new String[] {aliased, parts.length == 2 ? parts[1] : null};
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runOne(SubRequest r, ParseRequest parent, String mount) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            String method = r.method();
            String path = r.path();
            Object b = r.body();
            Map<String, Object> subBody = b instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            ParseRequest sub = parent.subRequest(subBody);
            out.put("success", route(method, path, sub, mount).body());
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

    private ApiResponse route(String method, String path, ParseRequest sub, String mount) {
        String[] target = classTarget(path);
        if (target != null) {
            String className = target[0];
            if (target[1] == null) {
                return switch (method) {
                    case "POST" -> classes.create(className, sub, mount);
                    case "GET" -> classes.find(className, sub, mount);
                    default -> throw unknownRoute(method, path);
                };
            }
            String objectId = target[1];
            return switch (method) {
                case "GET" -> classes.get(className, objectId, sub, mount);
                case "PUT" -> classes.update(className, objectId, sub);
                case "DELETE" -> classes.delete(className, objectId, sub);
                default -> throw unknownRoute(method, path);
            };
        }
        throw unknownRoute(method, path);
    }

    private static ParseException unknownRoute(String method, String path) {
        return new ParseException(ParseError.INVALID_JSON, "cannot route " + method + " " + path);
    }
}
