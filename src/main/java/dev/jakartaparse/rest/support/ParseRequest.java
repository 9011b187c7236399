package dev.jakartaparse.rest.support;

import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.Client;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

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
    private final Supplier<Client> client;
    private final String clientVersion;
    private boolean malformedBody;

    public ParseRequest(
            Map<String, Object> body,
            MultivaluedMap<String, String> query,
            Auth auth,
            Map<String, Object> context,
            Supplier<Client> client,
            String clientVersion) {
        this.body = body == null ? new LinkedHashMap<>() : body;
        this.query = query;
        this.auth = auth;
        this.context = context;
        this.client = client;
        this.clientVersion = clientVersion;
    }

    /** The client of an HTTP request: its IP and headers, names in lower case (made when Cloud Code asks). */
    public static Supplier<Client> clientOf(String ip, MultivaluedMap<String, String> headers) {
        return () -> {
            Map<String, String> lowerCased = new LinkedHashMap<>();
            headers.forEach((name, values) ->
                    lowerCased.merge(name.toLowerCase(Locale.ROOT), String.join(", ", values), (a, b) -> a + ", " + b));
            return new Client(ip, Map.copyOf(lowerCased));
        };
    }

    /** This request as the pipelines take it: the caller, the client, the Cloud Code context, the mount URL. */
    public RequestContext requestContext(String mountUrl) {
        return RequestContext.of(auth, client, context, mountUrl);
    }

    public static ParseRequest of(ContainerRequestContext ctx) {
        return (ParseRequest) ctx.getProperty(PROPERTY);
    }

    /** In resources: JAX-RS request properties are the servlet request's attributes. */
    public static ParseRequest of(HttpServletRequest http) {
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
            throw new ParseException(ParseError.INVALID_JSON, "Invalid JSON");
        }
        return body;
    }

    /** A request built in-process (a batch sub-request) with this request's caller, client and context. */
    public ParseRequest subRequest(Map<String, Object> subBody) {
        return new ParseRequest(subBody, null, auth, context, client, null);
    }

    public Auth auth() {
        return auth;
    }

    /** The Cloud Code context the client sent (X-Parse-Cloud-Context, or the SDK's _context). */
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

    /** The query string's parameters as sent (the first value of each, never JSON-decoded), as Parse Server's req.query. */
    public Map<String, Object> queryStrings() {
        Map<String, Object> all = new LinkedHashMap<>();
        if (query != null) {
            query.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    all.put(k, v.get(0));
                }
            });
        }
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
