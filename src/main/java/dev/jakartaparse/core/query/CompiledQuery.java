package dev.jakartaparse.core.query;

import java.util.Map;

/**
 * A where clause validated and compiled once by {@link QueryMatcher#compile(Map)}, to be tested
 * against many objects (LiveQuery subscriptions, storage scans). Immutable and thread-safe, unless
 * compiled with a {@link RegexLimit#perQuery} limit, which counts the time one query used.
 */
public final class CompiledQuery {
    private final Conditions.Node root;

    CompiledQuery(Conditions.Node root) {
        this.root = root;
    }

    /** Whether {@code object} (a Parse REST object) satisfies the where clause. */
    public boolean matches(Map<String, Object> object) {
        return root.test(object == null ? Map.of() : object);
    }
}
