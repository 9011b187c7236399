package dev.jakartaparse.rest.routing;

import java.util.Map;

/** A request's route and the values of its path parameters. */
public record RouteMatch(Route route, Map<String, String> parameters) {

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** The class the request is about: the alias route's class, or the path's className. */
    public String className() {
        return route.className() != null ? route.className() : parameters.get("className");
    }
}
