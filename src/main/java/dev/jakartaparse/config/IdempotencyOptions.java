package dev.jakartaparse.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Parse Server's idempotencyOptions: requests on these paths (regular expressions matched at the
 * start of the path below the mount path, e.g. "classes/.*") that carry an X-Parse-Request-Id run
 * once; a repeat within {@code ttlSeconds} is refused with 159.
 */
public record IdempotencyOptions(List<Pattern> paths, long ttlSeconds) {

    public boolean covers(String pathBelowMount) {
        String p = pathBelowMount.replaceAll("^/|/$", "");
        return paths.stream().anyMatch(regex -> regex.matcher(p).lookingAt());
    }
}
