package dev.jakartaparse.model;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One request as the pipelines see it, whoever made it (REST, batch, Cloud Code's ServerApi,
 * LiveQuery, a job): who acts ({@link Auth}), the client behind it (IP and headers, read only when
 * Cloud Code asks for them), the Cloud Code context the client sent, and the URL files are served
 * under (null where no file URL is answered).
 */
public final class RequestContext {
    private final Auth auth;
    private final Supplier<Client> clientSource;
    private final Map<String, Object> cloudContext;
    private final String mountUrl;
    private Client client;

    private RequestContext(
            Auth auth, Supplier<Client> clientSource, Map<String, Object> cloudContext, String mountUrl) {
        this.auth = auth;
        this.clientSource = clientSource;
        this.cloudContext = cloudContext == null ? Map.of() : cloudContext;
        this.mountUrl = mountUrl;
    }

    /** A request from a client; its Client is made from the supplier on first use. */
    public static RequestContext of(
            Auth auth, Supplier<Client> client, Map<String, Object> cloudContext, String mountUrl) {
        return new RequestContext(auth, client, cloudContext, mountUrl);
    }

    /** A request with no client behind it (a timer, the server's own reads), as this Auth. */
    public static RequestContext internal(Auth auth) {
        return new RequestContext(auth, () -> Client.NONE, Map.of(), null);
    }

    /** The server's own master-key access, with no client behind it. */
    public static RequestContext master() {
        return internal(Auth.masterKey());
    }

    public Auth auth() {
        return auth;
    }

    public Client client() {
        Client c = client;
        if (c == null) {
            c = clientSource.get();
            client = c;
        }
        return c;
    }

    /** The Cloud Code context (X-Parse-Cloud-Context, or the SDK's _context); never null. */
    public Map<String, Object> cloudContext() {
        return cloudContext;
    }

    public String mountUrl() {
        return mountUrl;
    }

    /** The same client and context, acting as someone else (e.g. the user who just logged in). */
    public RequestContext as(Auth other) {
        return new RequestContext(other, this::client, cloudContext, mountUrl);
    }

    /** The same caller and client with another Cloud Code context. */
    public RequestContext withCloudContext(Map<String, Object> context) {
        return new RequestContext(auth, this::client, context, mountUrl);
    }

    /** The same caller, answering file URLs under this mount URL. */
    public RequestContext withMountUrl(String url) {
        return new RequestContext(auth, this::client, cloudContext, url);
    }
}
