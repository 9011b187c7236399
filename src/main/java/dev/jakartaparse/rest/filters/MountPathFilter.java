package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.ParseConfig;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Strips the mount path ({@code /parse} by default, a setting) before JAX-RS sees the request,
 * so that the resources' paths ({@code /classes/...}) match under any mount. The JAX-RS
 * application sits at the root because its path is fixed when the WAR is built.
 *
 * <p>Done here, on the servlet request, rather than by rewriting the request URI in a JAX-RS
 * filter: RESTEasy reads the URI from the servlet request once, and a rewrite made it parse
 * everything again, about a tenth of what a simple request allocated.
 *
 * <p>Every request reaches JAX-RS as a {@link ClientRequest}: raw characters a URI refuses are
 * encoded and headers RESTEasy would fail on are left out, so that such a request gets Parse's
 * answer instead of the container's error page.
 *
 * <p>A path that does not decode gets Parse's 400 here ({@link UndecodablePath}): RESTEasy would fail on it.
 *
 * <p>A request outside the mount path passes unmarked; {@link ParseRequestFilter}
 * answers it with Parse Server's 404. WebSocket handshakes (LiveQuery) pass unchanged too: the
 * WebSocket container matches them on the mount path itself.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class MountPathFilter extends HttpFilter {

    /** Set on a request under the mount path; its value is the path below the mount (raw, at least "/"). */
    static final String UNDER_MOUNT = MountPathFilter.class.getName() + ".underMount";

    @Inject
    ParseConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!PathEncoding.decodes(path)) {
            UndecodablePath.answer(response);
            return;
        }
        String rest = belowMount(config.mountPath(), path);
        String mount = config.mountPath();
        if (rest == null) {
            rest = path; // answered with Parse Server's 404 by ParseRequestFilter
            mount = "/";
        } else {
            request.setAttribute(UNDER_MOUNT, rest);
        }
        chain.doFilter(new ClientRequest(request, mount, rest), response);
    }

    /**
     * The path below the mount ("/" for the mount itself), or null when the path is not under it.
     * Both are raw (still percent-encoded) paths, without the context path.
     */
    static String belowMount(String mount, String path) {
        if ("/".equals(mount)) {
            return path.isEmpty() ? "/" : path;
        }
        if (!path.startsWith(mount)) {
            return null;
        }
        if (path.length() == mount.length()) {
            return "/";
        }
        return path.charAt(mount.length()) == '/' ? path.substring(mount.length()) : null;
    }
}
