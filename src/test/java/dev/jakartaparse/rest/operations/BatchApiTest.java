package dev.jakartaparse.rest.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jakartaparse.config.ParseConfigProducer;
import dev.jakartaparse.core.pipeline.ObjectWrite;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.Client;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.Endpoint;
import dev.jakartaparse.rest.routing.MasterOnly;
import dev.jakartaparse.rest.routing.ParseRoutes;
import dev.jakartaparse.rest.routing.Route;
import dev.jakartaparse.rest.routing.RouteTable;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.ParseRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Batch matches each sub-request against the route table and runs the class operations it names. */
class BatchApiTest {
    private static final String MOUNT = "http://localhost/parse";

    private final List<String> calls = new ArrayList<>();
    private BatchApi batch;

    /** The class operations, recording what batch asks of them. */
    private final class RecordingClasses extends ClassesApi {
        @Override
        public ApiResponse find(String className, ParseRequest req, String mountUrl) {
            return record("find " + className, req);
        }

        @Override
        public ApiResponse get(String className, String objectId, ParseRequest req, String mountUrl) {
            return record("get " + className + " " + objectId, req);
        }

        @Override
        public ApiResponse create(String className, ParseRequest req, String mountUrl) {
            return record("create " + className, req);
        }

        @Override
        public ApiResponse update(String className, String objectId, ParseRequest req) {
            return record("update " + className + " " + objectId, req);
        }

        @Override
        public ApiResponse delete(String className, String objectId, ParseRequest req) {
            if ("missing".equals(objectId)) {
                throw new ParseException(ParseError.OBJECT_NOT_FOUND, "Object not found.");
            }
            return record("delete " + className + " " + objectId, req);
        }

        private ApiResponse record(String call, ParseRequest req) {
            calls.add(call + " " + req.body());
            return ApiResponse.ok(Map.of("done", call));
        }
    }

    @BeforeEach
    void wire() {
        batch = new BatchApi();
        batch.config = ParseConfigProducer.read(Map.of());
        batch.classes = new RecordingClasses();
        batch.write = new ObjectWrite() {
            @Override
            public boolean supportsTransactions() {
                return false; // the embedded store's answer
            }
        };
    }

    @Test
    void eachSubRequestRunsTheOperationOfItsRoute() {
        List<Object> answers = run(
                Auth.anonymous(null),
                sub("POST", "/parse/classes/GameScore", Map.of("score", 1)),
                sub("GET", "/parse/classes/GameScore?where=x", null),
                sub("GET", "/parse/users/u1", null),
                sub("PUT", "/parse/roles/r1/", Map.of("name", "x")),
                sub("DELETE", "/parse/sessions/s1", null),
                sub("post", "/parse/installations", Map.of("deviceType", "ios")),
                sub(null, "/parse/classes/A/./o1", null),
                sub("DELETE", "/parse/classes/A/missing", null));
        assertEquals(
                List.of(
                        "create GameScore {score=1}",
                        "find GameScore {}",
                        "get _User u1 {}",
                        "update _Role r1 {name=x}",
                        "delete _Session s1 {}",
                        "create _Installation {deviceType=ios}",
                        "get A o1 {}"),
                calls);
        assertEquals(Map.of("success", Map.of("done", "create GameScore")), answers.get(0));
        assertEquals(Map.of("error", Map.of("code", 101, "error", "Object not found.")), answers.get(7));
    }

    @Test
    void aSubRequestNoBatchRouteMatchesFailsTheWholeBatch() {
        assertRefused(
                "cannot route GET /users/me",
                sub("POST", "/parse/classes/A", Map.of()),
                sub("GET", "/parse/users/me", null));
        assertRefused("cannot route PATCH /classes/A", sub("PATCH", "/parse/classes/A", null));
        assertRefused("cannot route POST /functions/hello", sub("POST", "/parse/functions/hello", null));
        assertRefused("cannot route GET /schemas", sub("GET", "/parse/schemas", null));
        assertRefused("cannot route GET /classes/A/b/c", sub("GET", "/parse/classes/A/b/c", null));
        assertRefused("nested batch requests are not allowed", sub("POST", "/parse/batch", Map.of()));
        assertRefused("cannot route batch path /classes/A", sub("POST", "/classes/A", null));
        assertEquals(List.of(), calls, "nothing ran");
    }

    @Test
    void aMasterOnlyRouteRefusesASubRequestWithoutTheMasterKeyAsItsFilterDoes() {
        batch.routes = new RouteTable(List.of(
                ParseRoutes.TABLE.find("GET", "/classes/A"),
                new Route(
                        "GET",
                        ParseRoutes.TABLE.find("GET", "/classes/A/o").path(),
                        Endpoint.OBJECT,
                        null,
                        true,
                        MasterOnly.READ_ONLY_ALLOWED,
                        false),
                new Route(
                        "DELETE",
                        ParseRoutes.TABLE.find("DELETE", "/classes/A/o").path(),
                        Endpoint.OBJECT,
                        null,
                        true,
                        MasterOnly.refusingReadOnly("delete it"),
                        false)));
        List<Object> anonymous = run(
                Auth.anonymous(null), sub("GET", "/parse/classes/A", null), sub("GET", "/parse/classes/A/o1", null));
        assertEquals(Map.of("error", Map.of("code", 119, "error", "Permission denied")), anonymous.get(1));
        assertEquals(List.of("find A {}"), calls);

        calls.clear();
        List<Object> readOnly = run(
                Auth.readOnlyMasterKey(null),
                sub("GET", "/parse/classes/A/o1", null),
                sub("DELETE", "/parse/classes/A/o1", null));
        assertEquals(List.of("get A o1 {}"), calls);
        assertEquals(
                ParseError.OPERATION_FORBIDDEN, ((Map<?, ?>) ((Map<?, ?>) readOnly.get(1)).get("error")).get("code"));

        calls.clear();
        run(Auth.masterKey(), sub("DELETE", "/parse/classes/A/o1", null));
        assertEquals(List.of("delete A o1 {}"), calls);
    }

    @Test
    void malformedBatches() {
        assertEquals("requests must be an array", refusal(Map.of("requests", 5)));
        assertEquals("batch request path must be a string", refusal(Map.of("requests", List.of(Map.of("path", 5)))));
        ParseException e = assertThrows(
                ParseException.class,
                () -> batch.run(
                        request(Auth.anonymous(null), Map.of("transaction", true, "requests", List.of())), MOUNT));
        assertEquals(ParseError.COMMAND_UNAVAILABLE, e.code());
    }

    @Test
    void aTransactionStopsAtTheFirstFailingSubRequestAndAnswersItsError() {
        List<String> transactions = new ArrayList<>();
        batch.write = new ObjectWrite() {
            @Override
            public boolean supportsTransactions() {
                return true;
            }

            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactions.add("begin");
                try {
                    T result = work.get();
                    transactions.add("commit");
                    return result;
                } catch (RuntimeException e) {
                    transactions.add("abort");
                    throw e;
                }
            }
        };
        Map<String, Object> body = Map.of(
                "transaction",
                true,
                "requests",
                List.of(
                        sub("POST", "/parse/classes/A", Map.of("n", 1)),
                        sub("DELETE", "/parse/classes/A/missing", null),
                        sub("POST", "/parse/classes/A", Map.of("n", 3))));
        ParseException e = assertThrows(ParseException.class, () -> batch.run(request(Auth.masterKey(), body), MOUNT));
        assertEquals(ParseError.OBJECT_NOT_FOUND, e.code());
        assertEquals("Object not found.", e.getMessage());
        assertEquals(List.of("create A {n=1}"), calls); // the third never ran
        assertEquals(List.of("begin", "abort"), transactions);

        calls.clear();
        transactions.clear();
        Map<String, Object> fine =
                Map.of("transaction", true, "requests", List.of(sub("POST", "/parse/classes/A", Map.of("n", 1))));
        assertEquals(
                1, ((List<?>) batch.run(request(Auth.masterKey(), fine), MOUNT).body()).size());
        assertEquals(List.of("begin", "commit"), transactions);
    }

    @SafeVarargs
    private List<Object> run(Auth auth, Map<String, Object>... subs) {
        @SuppressWarnings("unchecked")
        List<Object> answers = (List<Object>) batch.run(request(auth, Map.of("requests", List.of(subs))), MOUNT)
                .body();
        assertEquals(subs.length, answers.size());
        return answers;
    }

    @SafeVarargs
    private void assertRefused(String message, Map<String, Object>... subs) {
        assertEquals(message, refusal(Map.of("requests", List.of(subs))));
    }

    private String refusal(Map<String, Object> body) {
        ParseException e =
                assertThrows(ParseException.class, () -> batch.run(request(Auth.anonymous(null), body), MOUNT));
        assertEquals(ParseError.INVALID_JSON, e.code());
        return e.getMessage();
    }

    private static ParseRequest request(Auth auth, Map<String, Object> body) {
        return new ParseRequest(new LinkedHashMap<>(body), null, auth, Map.of(), () -> Client.NONE, null);
    }

    private static Map<String, Object> sub(String method, String path, Map<String, Object> body) {
        Map<String, Object> sub = new LinkedHashMap<>();
        if (method != null) {
            sub.put("method", method);
        }
        sub.put("path", path);
        if (body != null) {
            sub.put("body", body);
        }
        return sub;
    }
}
