package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.SessionTokens;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.Endpoint;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.support.HttpError;
import dev.jakartaparse.rest.support.IpMatcher;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The front door of every request, before JAX-RS matches a resource. In order: answer CORS
 * preflights, strip the mount path, read the JSON body once, apply the JS SDK's method override
 * ({@code _method}) and envelope fields ({@code _ApplicationId}, {@code _SessionToken} ...), then
 * check the application id and keys the way Parse Server's handleParseHeaders does.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ParseRequestFilter implements ContainerRequestFilter {

    @Inject
    ParseConfig config;

    private static final Logger LOG = Logger.getLogger(ParseRequestFilter.class.getName());

    @Inject
    SessionTokens sessions;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        // MountPathFilter has stripped the mount path from the request's path, and marked it
        String rest = http == null ? null : (String) http.getAttribute(MountPathFilter.UNDER_MOUNT);
        if (rest == null) {
            ctx.abortWith(Responses.notFound(
                    ctx.getMethod(), ctx.getUriInfo().getRequestUri().getRawPath()));
            return;
        }
        if ("OPTIONS".equals(ctx.getMethod())) {
            ctx.abortWith(Response.ok().build());
            return;
        }

        // Health, file downloads and the pages linked from account emails need no keys, as in Parse Server.
        if (ParseRoutes.TABLE.needsNoKeys(ctx.getMethod(), rest)) {
            return; // no keys needed, as in Parse Server
        }
        try {
            ParseRequest request = authenticate(ctx);
            ctx.setProperty(ParseRequest.PROPERTY, request);
        } catch (HttpError | ParseException e) {
            ctx.abortWith(Responses.error(e, config.enableSanitizedErrorResponse()));
        }
    }

    private ParseRequest authenticate(ContainerRequestContext ctx) throws IOException {
        Map<String, Object> body = readBody(ctx);
        if (body != null && "POST".equals(ctx.getMethod()) && body.containsKey("_method")) {
            Object m = body.remove("_method");
            if (m instanceof String s) {
                ctx.setMethod(s.toUpperCase(Locale.ROOT));
            }
        }
        Map<String, Object> context = Map.of();
        String cloudContext = ctx.getHeaderString("X-Parse-Cloud-Context");
        if (cloudContext != null) {
            context = parseContext(cloudContext);
        }
        String appId = ctx.getHeaderString("X-Parse-Application-Id");
        String sessionToken = ctx.getHeaderString("X-Parse-Session-Token");
        String masterKey = ctx.getHeaderString("X-Parse-Master-Key");
        String installationId = ctx.getHeaderString("X-Parse-Installation-Id");
        String clientKey = ctx.getHeaderString("X-Parse-Client-Key");
        String javascriptKey = ctx.getHeaderString("X-Parse-Javascript-Key");
        String dotNetKey = ctx.getHeaderString("X-Parse-Windows-Key");
        String restKey = ctx.getHeaderString("X-Parse-REST-API-Key");
        String clientVersion = ctx.getHeaderString("X-Parse-Client-Version");

        String authorization = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            String[] creds = decodeBasic(authorization.substring(6));
            if (creds != null && config.appId().equals(creds[0])) {
                appId = creds[0];
                if (creds[1].startsWith("javascript-key=")) {
                    javascriptKey = creds[1].substring("javascript-key=".length());
                } else {
                    masterKey = creds[1];
                }
            }
        }
        if (body != null) {
            body.remove("_noBody");
        }
        if (!config.appId().equals(appId)) {
            byte[] raw = (byte[]) ctx.getProperty(RAW_BODY);
            if (body == null && raw != null && raw.length > 0 && !Json.isJson(raw)) {
                throw new ParseException(
                        ParseError.INVALID_JSON, "Invalid JSON"); // as body parsing fails first in Parse Server
            }
            // The JS SDK sends its envelope in the body instead of headers.
            if (body == null) {
                throw HttpError.unauthorized();
            }
            body.remove("_RevocableSession");
            Object bodyAppId = body.get("_ApplicationId");
            if (!config.appId().equals(bodyAppId) || masterKey != null && !masterKey.equals(config.masterKey())) {
                throw HttpError.unauthorized();
            }
            appId = (String) body.remove("_ApplicationId");
            Object js = body.remove("_JavaScriptKey");
            javascriptKey = js instanceof String s ? s : "";
            Object cv = body.remove("_ClientVersion");
            if (cv instanceof String s) {
                clientVersion = s;
            }
            installationId = envelopeString(body, "_InstallationId", installationId);
            sessionToken = envelopeString(body, "_SessionToken", sessionToken);
            masterKey = envelopeString(body, "_MasterKey", masterKey);
            Object bodyContext = body.remove("_context");
            if (bodyContext instanceof Map<?, ?> m) {
                context = castMap(m);
            } else if (bodyContext instanceof String s) {
                context = parseContext(s);
            } else if (bodyContext != null && !Boolean.FALSE.equals(bodyContext)) {
                throw new ParseException(ParseError.INVALID_JSON, "Invalid object for context.");
            }
            envelopeString(body, "_ContentType", null);
        }

        Auth auth;
        if (masterKey != null && masterKey.equals(config.masterKey())) {
            requireMasterKeyIp();
            auth = Auth.masterKey(installationId);
        } else if (masterKey != null && masterKey.equals(config.readOnlyMasterKey())) {
            requireMasterKeyIp();
            auth = Auth.readOnlyMasterKey(installationId);
        } else {
            if (config.clientKeysRequired() && !clientKeyMatches(clientKey, javascriptKey, dotNetKey, restKey)) {
                throw HttpError.unauthorized();
            }
            if (sessionToken != null && !sessionToken.isEmpty() && isUpgrade(ctx) && !sessionToken.startsWith("r:")) {
                auth = sessions.authenticateLegacy(sessionToken, installationId);
            } else if (sessionToken != null && !sessionToken.isEmpty() && !isLogin(ctx)) {
                auth = sessions.authenticate(sessionToken, installationId);
            } else {
                auth = Auth.anonymous(installationId);
            }
        }
        ParseRequest request = new ParseRequest(
                body,
                ctx.getUriInfo().getQueryParameters(),
                auth,
                context,
                ParseRequest.clientOf(http == null ? null : http.getRemoteAddr(), ctx.getHeaders()),
                clientVersion);
        byte[] raw = (byte[]) ctx.getProperty(RAW_BODY);
        if (body == null && raw != null && raw.length > 0) {
            request.markMalformedBody();
        }
        return request;
    }

    /** The master key only counts from the addresses in masterKeyIps (loopback by default). */
    private void requireMasterKeyIp() {
        String ip = http == null ? null : http.getRemoteAddr();
        if (ip == null || !IpMatcher.anyMatches(config.masterKeyIps(), ip)) {
            LOG.severe("Request using master key rejected as the request IP address '" + ip
                    + "' is not set in Parse Server option 'masterKeyIps'.");
            throw HttpError.unauthorized();
        }
    }

    private static boolean isUpgrade(ContainerRequestContext ctx) {
        return ParseRoutes.TABLE.pathIs(ctx.getUriInfo().getRequestUri().getPath(), Endpoint.UPGRADE_SESSION);
    }

    private static boolean isLogin(ContainerRequestContext ctx) {
        return ParseRoutes.TABLE.pathIs(ctx.getUriInfo().getRequestUri().getPath(), Endpoint.LOGIN);
    }

    private boolean clientKeyMatches(String clientKey, String javascriptKey, String dotNetKey, String restKey) {
        return matches(config.clientKey(), clientKey)
                || matches(config.javascriptKey(), javascriptKey)
                || matches(config.dotNetKey(), dotNetKey)
                || matches(config.restAPIKey(), restKey);
    }

    private static boolean matches(String configured, String given) {
        return configured != null && configured.equals(given);
    }

    /** Reads the body once (bounded by maxUploadSize) and leaves it re-readable for resources. */
    private Map<String, Object> readBody(ContainerRequestContext ctx) throws IOException {
        if (!ctx.hasEntity()) {
            return null;
        }
        byte[] bytes = readLimited(ctx.getEntityStream(), ctx.getLength(), config.maxUploadSizeBytes());
        ctx.setEntityStream(new ByteArrayInputStream(bytes));
        ctx.setProperty(RAW_BODY, bytes);
        if (bytes.length == 0) {
            return null;
        }
        return Json.parseObjectOrNull(bytes);
    }

    /** The raw bytes of the request body, for resources that need them (malformed JSON, files). */
    public static final String RAW_BODY = "dev.jakartaparse.rawBody";

    /**
     * @param declaredLength the Content-Length, -1 when not given: a body of known length is read in
     *                       one array of its size (the container ends the stream there), not in 8 KB ones
     */
    private static byte[] readLimited(InputStream in, int declaredLength, long limit) throws IOException {
        if (declaredLength > limit) {
            throw new HttpError(413, "request entity too large");
        }
        int max = declaredLength >= 0 ? declaredLength : (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
        byte[] bytes = in.readNBytes(max);
        if (bytes.length > limit) {
            throw new HttpError(413, "request entity too large");
        }
        return bytes;
    }

    private static String envelopeString(Map<String, Object> body, String key, String current) {
        Object v = body.remove(key);
        if (v == null || "".equals(v)) {
            return current;
        }
        if (!(v instanceof String s)) {
            throw HttpError.unauthorized();
        }
        return s;
    }

    private static Map<String, Object> parseContext(String raw) {
        try {
            if (Json.parse(raw) instanceof Map<?, ?> m) {
                return castMap(m);
            }
        } catch (ParseException ignored) {
            // fall through to Parse's message
        }
        throw new ParseException(ParseError.INVALID_JSON, "Invalid object for context.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", -1);
            return parts.length == 2 ? parts : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
