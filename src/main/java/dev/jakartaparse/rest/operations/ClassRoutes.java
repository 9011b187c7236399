package dev.jakartaparse.rest.operations;

import java.util.Map;

/** The routes Parse Server gives system classes: /users is _User, /roles is _Role, ... */
public final class ClassRoutes {
    private static final Map<String, String> ALIASES = Map.of(
            "users", "_User", "roles", "_Role", "sessions", "_Session", "installations", "_Installation");

    private ClassRoutes() {
    }

    /** The class behind an alias route, or null when the segment is not one. */
    public static String classOf(String alias) {
        return ALIASES.get(alias);
    }
}
