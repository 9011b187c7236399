package dev.jakartaparse.rest.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of routes and the one way to match a request against them: among the routes of
 * the request's method whose path matches, the most specific (JAX-RS's precedence: {@code users/me}
 * before {@code users/{objectId}}). Paths are below the mount path, decoded or raw; they match
 * case-sensitively.
 */
public final class RouteTable {
    private final List<Route> routes;
    /** The routes by their first (always literal) segment, most specific first. */
    private final Map<String, List<Route>> byFirstSegment = new HashMap<>();

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (Route r : this.routes) {
            byFirstSegment
                    .computeIfAbsent(r.path().firstSegment(), k -> new ArrayList<>())
                    .add(r);
        }
        Comparator<Route> specificFirst = (a, b) -> PathTemplate.precedence(a.path(), b.path());
        byFirstSegment.replaceAll(
                (k, list) -> list.stream().sorted(specificFirst).toList());
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route of this method and path, or null. */
    public Route find(String method, String path) {
        for (Route r : candidates(path)) {
            if (r.method().equals(method) && r.path().matches(path)) {
                return r;
            }
        }
        return null;
    }

    /** The route of this method and path with its parameters, or null. */
    public RouteMatch match(String method, String path) {
        Route r = find(method, path);
        return r == null ? null : new RouteMatch(r, r.path().parameters(path));
    }

    /** Whether the path is one of the endpoint's, whatever the method. */
    public boolean pathIs(String path, Endpoint endpoint) {
        for (Route r : candidates(path)) {
            if (r.endpoint() == endpoint && r.path().matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The routes that need no keys (health, file downloads, the pages of account emails). */
    public boolean needsNoKeys(String method, String path) {
        Route r = find(method, path);
        return r != null && !r.needsKeys();
    }

    private List<Route> candidates(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int slash = path.indexOf('/', start);
        List<Route> found = byFirstSegment.get(path.substring(start, slash < 0 ? path.length() : slash));
        return found == null ? List.of() : found;
    }
}
