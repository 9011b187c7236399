package dev.jakartaparse.rest.support;

import dev.jakartaparse.config.ParseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.net.URI;

/**
 * The server's URL as the client reached it (scheme, Host header, mount path), used for Location
 * headers and file URLs, as Parse Server builds them from the request.
 */
@ApplicationScoped
public class MountUrl {
    @Inject
    ParseConfig config;

    public String of(HttpServletRequest http) {
        String host = http.getHeader("Host");
        String authority = host != null && !host.isBlank() ? host : http.getServerName() + ":" + http.getServerPort();
        String mount = "/".equals(config.mountPath()) ? "" : config.mountPath();
        return http.getScheme() + "://" + authority + mount;
    }

    public String of(ContainerRequestContext ctx) {
        URI base = ctx.getUriInfo().getBaseUri();
        String host = ctx.getHeaderString("Host");
        String authority = host != null && !host.isBlank() ? host : base.getRawAuthority();
        String mount = "/".equals(config.mountPath()) ? "" : config.mountPath();
        return base.getScheme() + "://" + authority + mount;
    }
}
