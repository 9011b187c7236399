package dev.jakartaparse.rest.support;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.ParseException;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds JSON responses with Parse's shapes. Bodies are serialised here, once. */
public final class Responses {
    private Responses() {}

    public static Response ok(Object body) {
        return json(200, body);
    }

    public static Response json(int status, Object body) {
        return Response.status(status)
                .entity(Json.write(body))
                .header("Content-Type", "application/json; charset=utf-8")
                .build();
    }

    /**
     * A ParseException or HttpError as Parse answers it; sanitizeErrors is the server's
     * enableSanitizedErrorResponse (which message of a sanitized error the client gets).
     */
    public static Response error(RuntimeException e, boolean sanitizeErrors) {
        if (e instanceof ParseException pe) {
            return json(pe.httpStatus(), errorBody(pe, sanitizeErrors));
        }
        if (e instanceof HttpError he) {
            return json(he.status(), Map.of("error", he.clientMessage(sanitizeErrors)));
        }
        return internalError();
    }

    public static Map<String, Object> errorBody(ParseException pe, boolean sanitizeErrors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", pe.code());
        m.put("error", pe.clientMessage(sanitizeErrors));
        return m;
    }

    /** Parse Server's answer to an unexpected failure; details go to the log, never to the client. */
    public static Response internalError() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", 1);
        m.put("message", "Internal server error.");
        return json(500, m);
    }

    public static Response notFound(String method, String path) {
        return json(404, Map.of("error", "Cannot " + method + " " + path));
    }
}
