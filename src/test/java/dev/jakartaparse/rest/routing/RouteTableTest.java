package dev.jakartaparse.rest.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.cloud.runtime.CloudCodeExtension.Kind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

class RouteTableTest {
    private static final RouteTable TABLE = ParseRoutes.TABLE;

    @Test
    void everyRouteMatchesItsOwnPathsAndGivesItsParameters() {
        for (Route r : TABLE.routes()) {
            Map<String, String> values = new LinkedHashMap<>();
            int i = 0;
            for (String name : r.path().parameterNames()) {
                values.put(name, r.path().template().contains(name + ": .+}") ? "a/b" + i++ + ".txt" : "V" + i++);
            }
            String path = r.path().expand(values);
            for (String form : List.of(path, path.substring(1), path + "/")) {
                RouteMatch m = TABLE.match(r.method(), form);
                assertSame(r, m == null ? null : m.route(), r + " for " + form);
                assertEquals(values, m.parameters(), r + " for " + form);
            }
        }
    }

    @Test
    void classRoutesAndTheirAliases() {
        RouteMatch find = TABLE.match("GET", "/classes/GameScore");
        assertEquals(Endpoint.OBJECTS, find.route().endpoint());
        assertEquals("GameScore", find.className());
        RouteMatch update = TABLE.match("PUT", "/classes/GameScore/abc123");
        assertEquals(Endpoint.OBJECT, update.route().endpoint());
        assertEquals("GameScore", update.className());
        assertEquals("abc123", update.parameter("objectId"));
        assertEquals("_User", TABLE.match("POST", "/users").className());
        assertEquals("_Session", TABLE.match("DELETE", "/sessions/s1").className());
        assertEquals("_Role", TABLE.match("GET", "/roles").className());
        RouteMatch installation = TABLE.match("PUT", "/installations/i1");
        assertEquals("_Installation", installation.className());
        assertEquals("_User", ParseRoutes.classOf("users"));
        assertEquals("_Installation", ParseRoutes.classOf("installations"));
        assertNull(ParseRoutes.classOf("classes"));
    }

    @Test
    void aLiteralSegmentWinsOverAParameterOfTheSameMethodOnly() {
        assertEquals(Endpoint.CURRENT_USER, TABLE.find("GET", "/users/me").endpoint());
        assertEquals(Endpoint.CURRENT_SESSION, TABLE.find("GET", "/sessions/me").endpoint());
        // As in Parse Server's Express routes: PUT /users/me is PUT /users/{objectId}.
        RouteMatch put = TABLE.match("PUT", "/users/me");
        assertEquals(Endpoint.OBJECT, put.route().endpoint());
        assertEquals("me", put.parameter("objectId"));
        assertEquals(
                Endpoint.JOB_SCHEDULES,
                TABLE.find("GET", "/cloud_code/jobs/data").endpoint());
        assertEquals("PUT", TABLE.find("PUT", "/cloud_code/jobs/data").method());
    }

    @Test
    void theRestOfThePath() {
        RouteMatch download = TABLE.match("GET", "/files/APP/dir/name.txt");
        assertEquals(Map.of("appId", "APP", "filename", "dir/name.txt"), download.parameters());
        assertFalse(download.route().needsKeys());
        RouteMatch delete = TABLE.match("DELETE", "/files/dir/name.txt");
        assertEquals("dir/name.txt", delete.parameter("filename"));
        assertEquals(
                MasterOnly.refusingReadOnlyOverHttp("delete a file"),
                delete.route().masterOnly());
        assertEquals(Endpoint.FILES, TABLE.find("POST", "/files").endpoint());
        assertEquals("f.txt", TABLE.match("POST", "/files/f.txt").parameter("filename"));
        assertNull(TABLE.find("POST", "/files/dir/f.txt"));
        assertNull(TABLE.find("GET", "/files/APP"));
    }

    @Test
    void unknownPathsAndMethods() {
        for (String path : List.of(
                "",
                "/",
                "//",
                "/nope",
                "/classes",
                "/classes/",
                "/classes//",
                "//classes/A",
                "/classes//x",
                "/classes/A//",
                "/classes/A/b/c",
                "/Classes/A",
                "/users/a/b",
                "/functions",
                "/health/x")) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
                assertNull(TABLE.find(method, path), method + " " + path);
            }
        }
        assertNull(TABLE.find("PATCH", "/classes/A"));
        assertNull(TABLE.find("PUT", "/classes/A"));
        assertNull(TABLE.find("POST", "/classes/A/b"));
        assertNull(TABLE.find("GET", "/batch"));
        assertNull(TABLE.match("DELETE", "/health"));
    }

    @Test
    void routesThatNeedNoKeys() {
        assertTrue(TABLE.needsNoKeys("GET", "/health"));
        assertTrue(TABLE.needsNoKeys("POST", "/health"));
        assertTrue(TABLE.needsNoKeys("GET", "/files/APP/a%20b.txt"));
        assertTrue(TABLE.needsNoKeys("GET", "/apps/APP/verify_email"));
        assertTrue(TABLE.needsNoKeys("POST", "/apps/APP/request_password_reset"));
        assertFalse(TABLE.needsNoKeys("DELETE", "/files/APP/a.txt"));
        assertFalse(TABLE.needsNoKeys("POST", "/files/a.txt"));
        assertFalse(TABLE.needsNoKeys("GET", "/healthz"));
        assertFalse(TABLE.needsNoKeys("GET", "/classes/A"));
        assertFalse(TABLE.needsNoKeys("PUT", "/health"), "no route: the keys decide, then 404");
    }

    @Test
    void pathsOfAnEndpointWhateverTheMethod() {
        assertTrue(TABLE.pathIs("/login", Endpoint.LOGIN));
        assertTrue(TABLE.pathIs("login/", Endpoint.LOGIN));
        assertFalse(TABLE.pathIs("/loginx", Endpoint.LOGIN));
        assertFalse(TABLE.pathIs("/logout", Endpoint.LOGIN));
        assertTrue(TABLE.pathIs("/upgradeToRevocableSession", Endpoint.UPGRADE_SESSION));
        assertTrue(TABLE.pathIs("/batch", Endpoint.BATCH));
        assertFalse(TABLE.pathIs("/batch/x", Endpoint.BATCH));
    }

    /** The regular expressions the idempotency filter used before the table: the table must agree with them. */
    @Test
    void idempotencyCoversTheSameRequestsAsBefore() {
        Pattern post = Pattern.compile("^/(classes/[^/]+|users|installations|functions/[^/]+|jobs/[^/]+)/?$");
        Pattern put = Pattern.compile("^/(classes/[^/]+|users|installations)/[^/]+/?$");
        List<String> paths = List.of(
                "/classes/A",
                "/classes/A/",
                "/classes/A//",
                "/classes/A/id",
                "/classes/A/id/",
                "/classes/A/id/x",
                "/classes//id",
                "/classes",
                "/users",
                "/users/",
                "/users/me",
                "/users/u1",
                "/users/u1/x",
                "/sessions",
                "/sessions/s1",
                "/roles",
                "/roles/r1",
                "/installations",
                "/installations/i1",
                "/functions/f",
                "/functions/f/",
                "/functions",
                "/functions/f/x",
                "/jobs",
                "/jobs/j",
                "/jobs/j/x",
                "/login",
                "/batch",
                "/config",
                "/schemas/A",
                "/files/f.txt",
                "/nope",
                "/",
                "//users");
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            for (String path : paths) {
                boolean before = "POST".equals(method) && post.matcher(path).matches()
                        || "PUT".equals(method) && put.matcher(path).matches();
                Route route = TABLE.find(method, path);
                assertEquals(before, route != null && route.idempotent(), method + " " + path);
            }
        }
    }

    /** What CloudCodeExtension.Kind.route and routeMethods answered before the table. */
    @Test
    void theRoutesCloudCodeValidatorsRateLimit() {
        assertEquals(
                new ParseRoutes.GuardedPath("/functions/hello", List.of()),
                ParseRoutes.rateLimited(Kind.FUNCTION, "hello"));
        assertEquals(
                new ParseRoutes.GuardedPath("/classes/GameScore", List.of("POST", "PUT")),
                ParseRoutes.rateLimited(Kind.BEFORE_SAVE, "GameScore"));
        assertEquals(
                new ParseRoutes.GuardedPath("/users", List.of("POST", "PUT")),
                ParseRoutes.rateLimited(Kind.BEFORE_SAVE, "_User"));
        assertEquals(
                new ParseRoutes.GuardedPath("/sessions", List.of("DELETE")),
                ParseRoutes.rateLimited(Kind.BEFORE_DELETE, "_Session"));
        assertEquals(
                new ParseRoutes.GuardedPath("/classes/_Role", List.of("GET")),
                ParseRoutes.rateLimited(Kind.BEFORE_FIND, "_Role"));
        assertEquals(
                new ParseRoutes.GuardedPath("/login", List.of("POST", "GET")),
                ParseRoutes.rateLimited(Kind.BEFORE_LOGIN, "_User"));
        for (Kind kind : Kind.values()) {
            assertEquals(kind.takesRateLimit(), ParseRoutes.rateLimited(kind, "Thing") != null, kind.name());
        }
    }

    @Test
    void templatesTheTableCannotMatchAreRefused() {
        for (String bad : List.of(
                "",
                "/classes",
                "classes/",
                "{className}",
                "classes/{id: [0-9]+}",
                "files/{a: .+}/x",
                "classes//x",
                "a{b}")) {
            assertThrows(IllegalArgumentException.class, () -> PathTemplate.of(bad), bad);
        }
    }
}
