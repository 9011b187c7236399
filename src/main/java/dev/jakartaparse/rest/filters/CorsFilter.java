package dev.jakartaparse.rest.filters;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/** Parse Server's CORS headers, on every response (including errors and OPTIONS). */
@Provider
public class CorsFilter implements ContainerResponseFilter {
    static final String ALLOWED_HEADERS = "X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, "
            + "X-Parse-Application-Id, X-Parse-Client-Version, X-Parse-Session-Token, X-Requested-With, "
            + "X-Parse-Revocable-Session, X-Parse-Request-Id, Content-Type, Pragma, Cache-Control";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Access-Control-Allow-Origin", "*");
        h.putSingle("Access-Control-Allow-Methods", "GET,PUT,POST,DELETE,OPTIONS");
        h.putSingle("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        h.putSingle("Access-Control-Expose-Headers", "X-Parse-Job-Status-Id, X-Parse-Push-Status-Id");
    }
}
