package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Undeploying the application leaves no thread of ours behind, and it deploys again. A Liberty
 * server of its own (own port, own fresh embedded database) runs the WAR with LiveQuery, an email
 * adapter and enableSanitizedErrorResponse off. The test writes, subscribes over LiveQuery, runs a
 * job, a Java function and a webhook function, asks for a password reset email, then takes the
 * application out of server.xml, waits for Liberty's CWWKZ0009I and reads the JVM's thread dump
 * (jcmd): no thread named parse-* (ours, from the managed thread factory, and the embedded
 * database's checkpoint thread), none of the embedded store (mongo-java-server, H2), of the MongoDB
 * driver or of our HTTP clients. Then it puts the application back: /health answers, and the data
 * written before is there.
 *
 * <p>With enableSanitizedErrorResponse off, access-control errors carry their detail, over REST
 * and in LiveQuery error frames: the setting is read by the server that answers.
 */
class RedeployIT {
    private static final String NAME = "itRedeploy";
    private static final String PORT = System.getProperty("it.redeploy.port", "9359");
    private static final String DB_PORT = System.getProperty("it.redeploy.db.port", "27417");
    private static final String URL = "http://localhost:" + PORT + "/parse";
    private static final Path SERVER_DIR =
            ExtraServers.WLP.resolve("usr/servers").resolve(NAME);
    private static final String APP = "<webApplication location=\"parse-server.war\" contextRoot=\"/\"/>";
    /** Names of the threads the application makes, or the libraries it opens make; none may survive it. */
    private static final List<String> OURS = List.of(
            "parse-",
            "mongo-server-",
            "MVStore background writer",
            "H2-serialization",
            "H2-save",
            "cluster-",
            "MaintenanceTimer",
            "HttpClient-",
            "globalEventExecutor",
            "nioEventLoopGroup");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HttpServer webhook;

    @BeforeAll
    static void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            byte[] body = "{\"success\":\"hooked\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        webhook.start();
        Path data = ExtraServers.BUILD.resolve("it-redeploy-data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        ExtraServers.create(
                NAME,
                List.of(
                        "HTTP_PORT=" + PORT,
                        "PARSE_SERVER_APPLICATION_ID=APPLICATION_ID",
                        "PARSE_SERVER_MASTER_KEY=MASTER_KEY",
                        "PARSE_SERVER_URL=" + URL,
                        "PARSE_PUBLIC_SERVER_URL=" + URL,
                        "PARSE_SERVER_APP_NAME=Redeploy IT",
                        "PARSE_SERVER_EMBEDDED_DATABASE_PORT=" + DB_PORT,
                        "PARSE_SERVER_EMBEDDED_DATABASE_PATH=" + data,
                        "PARSE_SERVER_LIVE_QUERY={\"classNames\":[\"RedeployItem\"]}",
                        "PARSE_SERVER_ENABLE_SANITIZED_ERROR_RESPONSE=false",
                        // nothing listens there: the mail fails at once, on the managed executor
                        "PARSE_SERVER_EMAIL_ADAPTER={\"host\":\"127.0.0.1\",\"port\":" + closedPort()
                                + ",\"fromAddress\":\"noreply@example.com\"}"));
        Files.deleteIfExists(messagesLog());
        ExtraServers.server("start", NAME);
        ExtraServers.awaitHealthy(URL, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        ExtraServers.server("stop", NAME);
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void undeployingLeavesNoThreadOfOursAndTheApplicationDeploysAgain() throws Exception {
        LiveQueryClient master = LiveQueryClient.open();
        try {
            exercise(master);
            List<String> running = threadNames();
            for (String expected : List.of(
                    "parse-livequery-fanout-0",
                    "parse-livequery-delivery",
                    "parse-livequery-ping",
                    "parse-embedded-database-writer",
                    "mongo-server-worker",
                    "HttpClient-")) {
                assertTrue(
                        running.stream().anyMatch(n -> n.startsWith(expected)),
                        "before undeploying, a thread " + expected + "* runs (else the check below proves nothing): "
                                + running);
            }

            Path serverXml = SERVER_DIR.resolve("server.xml");
            String config = Files.readString(serverXml);
            assertTrue(config.contains(APP), "server.xml declares the application");
            long logAt = Files.size(messagesLog());
            Files.writeString(serverXml, config.replace(APP, ""));
            awaitLog(logAt, "CWWKZ0009I", Duration.ofSeconds(60)); // the application stopped
            assertNoThreadOfOursLeft(Duration.ofSeconds(20));

            logAt = Files.size(messagesLog());
            Files.writeString(serverXml, config);
            awaitLog(logAt, "CWWKZ0001I", Duration.ofSeconds(120)); // the application started
            ExtraServers.awaitHealthy(URL, Duration.ofSeconds(60));
            Map<?, ?> found = JSON.readValue(
                    send("GET", "/classes/RedeployItem", null, true).body(), Map.class);
            assertEquals(2, ((List<?>) found.get("results")).size(), "the objects written before: " + found);
        } finally {
            master.close();
        }
    }

    /** A write, a LiveQuery event, errors with their detail, a job, a Java and a webhook function, an email. */
    private static void exercise(LiveQueryClient master) throws Exception {
        assertEquals(
                201, send("POST", "/classes/RedeployItem", "{\"n\":1}", true).statusCode());
        master.send("{\"op\":\"connect\",\"applicationId\":\"APPLICATION_ID\",\"masterKey\":\"MASTER_KEY\"}");
        master.await("connected");
        master.send("{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"RedeployItem\",\"where\":{}}}");
        master.await("subscribed");
        assertEquals(
                201, send("POST", "/classes/RedeployItem", "{\"n\":2}", true).statusCode());
        // the event of the first write may come first, if its fan-out came after the subscription
        Map<?, ?> created;
        do {
            created = (Map<?, ?>) master.await("create").get("object");
        } while (!Integer.valueOf(2).equals(created.get("n")));

        // enableSanitizedErrorResponse false: the detail, over REST and over LiveQuery
        assertEquals(
                200,
                send(
                                "POST",
                                "/schemas/Locked",
                                "{\"className\":\"Locked\",\"classLevelPermissions\":{"
                                        + "\"find\":{},\"count\":{},\"get\":{},\"create\":{},\"update\":{},\"delete\":{},\"addField\":{}}}",
                                true)
                        .statusCode());
        HttpResponse<String> denied = send("GET", "/classes/Locked", null, false);
        assertEquals(
                Map.of("code", 119, "error", "Permission denied for action find on class Locked."),
                JSON.readValue(denied.body(), Map.class),
                denied.body());
        LiveQueryClient client = LiveQueryClient.open();
        try {
            client.send("{\"op\":\"connect\",\"applicationId\":\"APPLICATION_ID\"}");
            client.await("connected");
            client.send(
                    "{\"op\":\"subscribe\",\"requestId\":1,\"query\":{\"className\":\"_Installation\",\"where\":{}}}");
            Map<String, Object> error = client.await("error");
            assertEquals(119, error.get("code"));
            assertEquals(
                    "Clients aren't allowed to perform the find operation on the installation collection.",
                    error.get("error"));
        } finally {
            client.close();
        }

        HttpResponse<String> job = send("POST", "/jobs/recordRun", "{\"tag\":\"redeploy\"}", true);
        assertEquals(200, job.statusCode(), job.body());
        String statusId = job.headers().firstValue("X-Parse-Job-Status-Id").orElseThrow();
        awaitJobSucceeded(statusId);

        assertEquals(
                "Hello world!", ((Map<?, ?>) result(send("POST", "/functions/hello", "{}", false))).get("greeting"));
        HttpResponse<String> hook = send(
                "POST",
                "/hooks/functions",
                "{\"functionName\":\"redeployHook\",\"url\":\"http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hook\"}",
                true);
        assertEquals(200, hook.statusCode(), hook.body());
        assertEquals("hooked", result(send("POST", "/functions/redeployHook", "{}", false)));

        long logAt = Files.size(messagesLog());
        assertEquals(
                201,
                send(
                                "POST",
                                "/users",
                                "{\"username\":\"mailer\",\"password\":\"secret\",\"email\":\"mailer@example.com\"}",
                                false)
                        .statusCode());
        assertEquals(
                200,
                send("POST", "/requestPasswordReset", "{\"email\":\"mailer@example.com\"}", false)
                        .statusCode());
        awaitLog(logAt, "Could not send the email", Duration.ofSeconds(30)); // the mail was tried, in the background
    }

    private static void awaitJobSucceeded(String statusId) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status = null;
        while (System.nanoTime() < end) {
            status = String.valueOf(JSON.readValue(
                            send("GET", "/classes/_JobStatus/" + statusId, null, true)
                                    .body(),
                            Map.class)
                    .get("status"));
            if ("succeeded".equals(status)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("the job did not succeed; its status: " + status);
    }

    private static Object result(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readValue(response.body(), Map.class).get("result");
    }

    /** Collects the JVM's garbage (HTTP clients end their selector thread once unreachable) and checks its threads until none of ours is left. */
    private static void assertNoThreadOfOursLeft(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> left;
        do {
            jcmd("GC.run");
            left = threadNames().stream()
                    .filter(n -> OURS.stream().anyMatch(n::startsWith))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        fail("threads of the application left after it stopped: " + left);
    }

    /** The names of the Liberty JVM's threads, from jcmd's thread dump (kept in target/ for a failure's reader). */
    private static List<String> threadNames() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : jcmd("Thread.print").split("\n")) {
            if (line.startsWith("\"")) {
                names.add(line.substring(1, line.indexOf('"', 1)));
            }
        }
        assertTrue(names.size() > 10, "a thread dump");
        return names;
    }

    private static String jcmd(String command) throws Exception {
        String pid = Files.readString(ExtraServers.WLP.resolve("usr/servers/.pid/" + NAME + ".pid"))
                .trim();
        Path out = ExtraServers.BUILD.resolve("it-redeploy-" + command + ".txt");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail("jcmd " + pid + " " + command + " failed: " + Files.readString(out));
        }
        return Files.readString(out);
    }

    private static Path messagesLog() {
        return SERVER_DIR.resolve("logs/messages.log");
    }

    /** Waits until the server's messages.log, from byte offset on, contains text. */
    private static void awaitLog(long offset, String text, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            byte[] log = Files.readAllBytes(messagesLog());
            if (new String(
                            log,
                            (int) Math.min(offset, log.length),
                            (int) Math.max(0, log.length - offset),
                            StandardCharsets.UTF_8)
                    .contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("messages.log did not say " + text + " within " + timeout);
    }

    private static HttpResponse<String> send(String method, String path, String body, boolean master) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(URL + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Parse-Application-Id", "APPLICATION_ID")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (master) {
            request.header("X-Parse-Master-Key", "MASTER_KEY");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A LiveQuery WebSocket connection whose frames arrive in a queue. */
    private static final class LiveQueryClient implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static LiveQueryClient open() throws Exception {
            LiveQueryClient client = new LiveQueryClient();
            client.socket = HTTP.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://localhost:" + PORT + "/parse"), client)
                    .get(30, TimeUnit.SECONDS);
            return client;
        }

        void send(String frame) throws Exception {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        }

        /** The next frame with this op (frames before it are skipped). */
        @SuppressWarnings("unchecked")
        Map<String, Object> await(String op) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < end) {
                String frame = frames.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame != null) {
                    Map<String, Object> parsed = JSON.readValue(frame, Map.class);
                    if (op.equals(parsed.get("op"))) {
                        return parsed;
                    }
                }
            }
            fail("no LiveQuery frame with op " + op);
            return null;
        }

        void close() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
