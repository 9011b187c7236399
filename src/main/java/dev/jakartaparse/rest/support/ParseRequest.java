package dev.jakartaparse.rest.support;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.core.json.Json;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ParseRequestFilter} learned about one request: the parsed JSON body (SDK envelope
 * fields removed), the caller's {@link Auth}, and the request's cloud context. Resources read
 * parameters through {@link #param(String)}, which looks in the body first (the JS SDK tunnels GET
 * parameters in the body) and then in the query string, where values are JSON-decoded like Parse
 * Server does.
 */
public final class ParseRequest {
    public static final String PROPERTY = "dev.jakartaparse.request";

    private final Map<String, Object> body;
    private final MultivaluedMap<String, String> query;
    private final Auth auth;
    private final Map<String, Object> context;
    private final String clientVersion;
    private boolean malformedBody;

    public ParseRequest(Map<String, Object> body, MultivaluedMap<String, String> query, Auth auth,
                 Map<String, Object> context, String clientVersion) {
        this.body = body == null ? new LinkedHashMap<>() : body;
        this.query = query;
        this.auth = auth;
        this.context = context;
        this.clientVersion = clientVersion;
    }

    public static ParseRequest of(ContainerRequestContext ctx) {
        return (ParseRequest) ctx.getProperty(PROPERTY);
    }

    /** In resources: JAX-RS request properties are the servlet request's attributes. */
    public static ParseRequest of(jakarta.servlet.http.HttpServletRequest http) {
        return (ParseRequest) http.getAttribute(PROPERTY);
    }

    public Map<String, Object> body() {
        return body;
    }

    public void markMalformedBody() {
        malformedBody = true;
    }

    /** The body as a JSON object; 107 when the client sent something that is not one. */
    public Map<String, Object> objectBody() {
        if (malformedBody) {
            throw new dev.jakartaparse.model.ParseException(dev.jakartaparse.model.ParseError.INVALID_JSON, "Invalid JSON");
        }
        return body;
    }

    /** A request built in-process (batch sub-requests), sharing the caller's auth. */
    public static ParseRequest internal(Map<String, Object> body, Auth auth, Map<String, Object> context) {
        return new ParseRequest(body, null, auth, context, null);
    }

    public Auth auth() {
        return auth;
    }

    public Map<String, Object> context() {
        return context;
    }

    public String clientVersion() {
        return clientVersion;
    }

    /** A request parameter: from the body if present there, else from the query string (JSON-decoded). */
    public Object param(String name) {
        if (body.containsKey(name)) {
            return body.get(name);
        }
        List<String> values = query == null ? null : query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return decodeQueryValue(values.get(0));
    }

    /** All parameters, body and query string merged (body wins), as Parse Server's handleFind sees them. */
    public Map<String, Object> params() {
        Map<String, Object> all = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    all.put(k, decodeQueryValue(v.get(0)));
                }
            });
        }
        all.putAll(body);
        return all;
    }

    /** Query-string values are JSON when they parse as JSON, else plain strings. */
    private static Object decodeQueryValue(String raw) {
        try {
            return Json.parse(raw);
        } catch (ParseException e) {
            return raw;
        }
    }
}
