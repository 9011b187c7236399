package dev.jakartaparse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class RateLimitRuleTest {

    private static RateLimitRule rule(String path, Object methods) {
        Map<String, Object> raw = methods == null
                ? Map.of("requestPath", path, "requestTimeWindow", 1000, "requestCount", 2)
                : Map.of("requestPath", path, "requestTimeWindow", 1000, "requestCount", 2, "requestMethods", methods);
        return RateLimitRule.fromOption(raw).get(0);
    }

    @Test
    void pathsAndMethods() {
        RateLimitRule any = rule("*", null);
        assertTrue(any.applies("GET", "/classes/A"));
        RateLimitRule classes = rule("/classes/*", List.of("post", "PUT"));
        assertTrue(classes.applies("POST", "/classes/GameScore"));
        assertTrue(classes.applies("PUT", "/classes/GameScore/abc"));
        assertFalse(classes.applies("GET", "/classes/GameScore"));
        assertFalse(classes.applies("POST", "/users"));
        RateLimitRule fn = rule("/functions/:name", null);
        assertTrue(fn.applies("POST", "/functions/hello"));
        assertFalse(fn.applies("POST", "/functions/hello/extra"));
        assertFalse(rule("/login", null).applies("POST", "/loginx"), "a literal path matches exactly");
        assertTrue(rule("/users/*path", null).applies("GET", "/users/me"));
    }

    @Test
    void badOptionsStopStartUp() {
        assertEquals(
                "Parse Server configuration: option 'rateLimit' Invalid rate limit option \"requestPat\"",
                messageOf(Map.of("requestPat", "/x")));
        assertThrows(
                ConfigurationError.class,
                () -> RateLimitRule.fromOption(Map.of("requestPath", "/x", "requestCount", 1)));
        assertThrows(
                ConfigurationError.class,
                () -> RateLimitRule.fromOption(
                        Map.of("requestPath", "/x", "requestTimeWindow", 10, "requestCount", 1, "zone", "planet")));
        assertEquals(
                2,
                RateLimitRule.fromOption(List.of(
                                Map.of("requestPath", "/a", "requestTimeWindow", 10, "requestCount", 1),
                                Map.of("requestPath", "/b", "requestTimeWindow", 10, "requestCount", 1)))
                        .size());
    }

    private static String messageOf(Map<String, Object> raw) {
        return assertThrows(ConfigurationError.class, () -> RateLimitRule.fromOption(raw))
                .getMessage();
    }

    @Test
    void pathsMatchWhateverTheCaseAsInParseServer() {
        assertTrue(rule("/classes/GameScore", null).applies("GET", "/classes/gamescore"));
        assertTrue(rule("/functions/*", null).applies("POST", "/FUNCTIONS/hello"));
    }

    @Test
    void aBatchedSubRequestMatchesOnItsMethodOrOnPost() {
        RateLimitRule posts = rule("/classes/*", List.of("POST"));
        assertFalse(posts.applies("GET", "/classes/A"));
        assertTrue(posts.appliesInBatch("GET", "/classes/A"));
        assertFalse(rule("/classes/*", List.of("DELETE")).appliesInBatch("GET", "/classes/A"));
    }
}
