package dev.jakartaparse.rest.filters;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.ws.rs.core.MediaType;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * A request as JAX-RS is to see it: without the mount path, with the characters a URI does not allow
 * raw percent-encoded (RESTEasy parses the request URI with java.net.URI and answers a raw
 * {@code {} with a 500), and without the headers RESTEasy parses up front and refuses with the
 * container's error page when malformed. Parse Server never negotiates on {@code Accept} (every answer
 * is JSON, or a file's own type), so it is left out altogether; a malformed {@code Content-Type} reads
 * as absent, as Express's body parser skips a type it cannot read.
 */
final class ClientRequest extends HttpServletRequestWrapper {
    private static final List<String> HIDDEN = List.of("accept", "accept-language", "content-language");

    private final String mount;
    private final String rest;
    private final String query;
    private final boolean contentTypeUnreadable;

    /**
     * @param mount the mount path ("/" when the request is outside it)
     * @param rest  the raw path below the mount
     */
    ClientRequest(HttpServletRequest request, String mount, String rest) {
        super(request);
        this.mount = mount;
        this.rest = UriEscaper.escape(rest);
        this.query = UriEscaper.escape(request.getQueryString());
        this.contentTypeUnreadable = !readable(request.getContentType());
    }

    private static boolean readable(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean hidden(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return HIDDEN.contains(n) || contentTypeUnreadable && "content-type".equals(n);
    }

    @Override
    public String getHeader(String name) {
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(this::hidden);
        return Collections.enumeration(names);
    }

    @Override
    public String getContentType() {
        return contentTypeUnreadable ? null : super.getContentType();
    }

    @Override
    public String getQueryString() {
        return query;
    }

    @Override
    public String getRequestURI() {
        return getContextPath() + rest;
    }

    @Override
    public StringBuffer getRequestURL() {
        String url = super.getRequestURL().toString();
        String uri = super.getRequestURI();
        return new StringBuffer(url.length() - uri.length() + getContextPath().length() + rest.length())
                .append(url, 0, url.length() - uri.length())
                .append(getContextPath())
                .append(rest);
    }

    @Override
    public String getPathInfo() {
        String info = super.getPathInfo(); // decoded
        String below = info == null ? null : MountPathFilter.belowMount(mount, info);
        return below == null ? info : below;
    }
}
