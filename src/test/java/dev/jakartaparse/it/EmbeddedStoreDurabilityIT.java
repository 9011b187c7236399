package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An acknowledged write survives kill -9 of the server. Eight clients create objects and increment
 * counters on them over plain HTTP, recording only what the server acknowledged; while they are
 * still writing, the Liberty JVM the build started is killed with SIGKILL. The server is started
 * again on the same embedded database, and every acknowledged create must be there with its
 * fields, and every acknowledged increment counted (an increment that was in flight at the kill
 * may or may not be).
 *
 * <p>The server is always started again (in a finally), so the other ITs find it running whatever
 * the order and whatever happens here; the build's it-server-stop stops it.
 */
class EmbeddedStoreDurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASS_NAME = "DurabilityProbe";
    private static final int WRITERS = 8;
    /** The kill is sent once this many creates were acknowledged; the writers keep going through it. */
    private static final int CREATES_BEFORE_KILL = 300;

    private final String port = System.getProperty("it.http.port", "9337");
    private final String base = "http://localhost:" + port + "/parse";
    private final Path wlp =
            Path.of(System.getProperty("it.liberty.dir", "target/liberty/wlp")).toAbsolutePath();
    private final String serverName = System.getProperty("it.server.name", "itServer");
    private final Path buildDir =
            Path.of(System.getProperty("it.build.dir", "target")).toAbsolutePath();
    private HttpClient http = newClient();

    /** What the server acknowledged for one created object. */
    private record Probe(String objectId, int seq, String writer, String label, List<Integer> list) {}

    private final Map<String, Probe> created = new ConcurrentHashMap<>();
    private final List<String> createdIds = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> incrementsAcknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> incrementsSent = new ConcurrentHashMap<>();
    private final AtomicInteger createsSent = new AtomicInteger();
    private final AtomicInteger createsAcknowledged = new AtomicInteger();
    private final AtomicInteger acknowledgedAfterKillSent = new AtomicInteger();
    private final List<String> errorsBeforeKill = new CopyOnWriteArrayList<>();
    private final AtomicBoolean killSent = new AtomicBoolean();

    @Test
    void acknowledgedWritesSurviveKillMinus9() throws Exception {
        long started = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis(), 36);
        awaitHealthy(Duration.ofSeconds(120));
        long pid = serverPid();
        log("Liberty server " + serverName + " runs as pid " + pid + "; run id " + run);

        boolean killed = false;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int w = 0; w < WRITERS; w++) {
                String writer = "w" + w;
                writers.submit(() -> write(run, writer, stop));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (createsAcknowledged.get() < CREATES_BEFORE_KILL
                    && System.nanoTime() < deadline
                    && errorsBeforeKill.isEmpty()) {
                Thread.sleep(5);
            }
            assertTrue(errorsBeforeKill.isEmpty(), "writes failed before the kill: " + errorsBeforeKill);
            assertTrue(
                    createsAcknowledged.get() >= CREATES_BEFORE_KILL,
                    "only " + createsAcknowledged.get() + " creates acknowledged within 300 s");

            // The writers are still going: the kill lands in the middle of a stream of writes.
            killSent.set(true);
            killed = true;
            long killStarted = System.nanoTime();
            kill9(pid);
            log("kill -9 " + pid + " sent; process gone after " + millisSince(killStarted) + " ms");
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "the writers did not stop after the kill");

            long restartStarted = System.nanoTime();
            http = newClient(); // no pooled connection to the killed server
            startServer();
            killed = false;
            awaitHealthy(Duration.ofSeconds(120));
            log("server restarted and healthy after " + millisSince(restartStarted) + " ms");

            verify(run);
        } finally {
            stop.set(true);
            writers.shutdownNow();
            if (killed) {
                // Whatever failed, leave a running server to the other ITs and to it-server-stop.
                try {
                    http = newClient();
                    startServer();
                    awaitHealthy(Duration.ofSeconds(120));
                } catch (Exception | AssertionError e) {
                    log("could not restart the server: " + e);
                }
            }
            log("took " + millisSince(started) + " ms in all");
        }
    }

    // ---- the writers ----

    private void write(String run, String writer, AtomicBoolean stop) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = 0;
        while (!stop.get()) {
            try {
                if (createdIds.isEmpty() || random.nextInt(100) < 60) {
                    create(run, writer, n++);
                } else {
                    increment(createdIds.get(random.nextInt(createdIds.size())));
                }
            } catch (Exception | AssertionError e) {
                if (!killSent.get()) {
                    errorsBeforeKill.add(writer + ": " + e);
                }
                if (killSent.get() || e instanceof InterruptedException) {
                    return; // the server is gone (or going): nothing more can be acknowledged
                }
            }
        }
    }

    private void create(String run, String writer, int n) throws Exception {
        int seq = createsSent.incrementAndGet();
        String label = writer + "-" + n + "-" + "x".repeat(n % 40);
        List<Integer> list = List.of(seq, n, seq * 7 % 1000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", run);
        body.put("seq", seq);
        body.put("writer", writer);
        body.put("label", label);
        body.put("list", list);
        body.put("n", 0);
        boolean beforeKill = !killSent.get();
        HttpResponse<String> res = send("POST", "/classes/" + CLASS_NAME, JSON.writeValueAsString(body));
        assertEquals(201, res.statusCode(), () -> "create answered " + res.statusCode() + ": " + res.body());
        String objectId = JSON.readTree(res.body()).path("objectId").asText("");
        assertTrue(!objectId.isEmpty(), () -> "create answered without an objectId: " + res.body());
        incrementsAcknowledged.put(objectId, new AtomicInteger());
        incrementsSent.put(objectId, new AtomicInteger());
        created.put(objectId, new Probe(objectId, seq, writer, label, list));
        createdIds.add(objectId);
        createsAcknowledged.incrementAndGet();
        if (!beforeKill) {
            acknowledgedAfterKillSent.incrementAndGet();
        }
    }

    private void increment(String objectId) throws Exception {
        incrementsSent.get(objectId).incrementAndGet(); // counted before sending: it may land even if unanswered
        boolean beforeKill = !killSent.get();
        HttpResponse<String> res =
                send("PUT", "/classes/" + CLASS_NAME + "/" + objectId, "{\"n\":{\"__op\":\"Increment\",\"amount\":1}}");
        assertEquals(200, res.statusCode(), () -> "increment answered " + res.statusCode() + ": " + res.body());
        assertTrue(JSON.readTree(res.body()).path("n").isNumber(), () -> "increment answered " + res.body());
        incrementsAcknowledged.get(objectId).incrementAndGet();
        if (!beforeKill) {
            acknowledgedAfterKillSent.incrementAndGet();
        }
    }

    // ---- checking what survived ----

    private void verify(String run) throws Exception {
        String where = URLEncoder.encode(JSON.writeValueAsString(Map.of("run", run)), StandardCharsets.UTF_8);
        HttpResponse<String> res = send("GET", "/classes/" + CLASS_NAME + "?limit=100000&where=" + where, null);
        assertEquals(200, res.statusCode(), () -> "query answered " + res.statusCode() + ": " + res.body());
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode o : JSON.readTree(res.body()).path("results")) {
            found.put(o.path("objectId").asText(), o);
        }

        List<String> problems = new ArrayList<>();
        int lost = 0;
        int incrementsAcked = 0;
        int incrementsFound = 0;
        for (Probe p : created.values()) {
            JsonNode o = found.get(p.objectId());
            if (o == null) {
                // Not in the query's answer: ask for it directly before calling it lost.
                HttpResponse<String> one = send("GET", "/classes/" + CLASS_NAME + "/" + p.objectId(), null);
                if (one.statusCode() != 200) {
                    lost++;
                    problems.add("acknowledged create " + p + " is lost (GET answered " + one.statusCode() + ")");
                    continue;
                }
                o = JSON.readTree(one.body());
            }
            check(problems, p, "run", o.path("run").asText(), run);
            check(problems, p, "seq", o.path("seq").asInt(-1), p.seq());
            check(problems, p, "writer", o.path("writer").asText(), p.writer());
            check(problems, p, "label", o.path("label").asText(), p.label());
            check(problems, p, "list", JSON.convertValue(o.path("list"), List.class), p.list());
            int acked = incrementsAcknowledged.get(p.objectId()).get();
            int sent = incrementsSent.get(p.objectId()).get();
            int n = o.path("n").asInt(-1);
            incrementsAcked += acked;
            incrementsFound += Math.max(n, 0);
            if (n < acked || n > sent) {
                problems.add(p.objectId() + ".n = " + n + ", but " + acked + " increments were acknowledged and " + sent
                        + " sent");
            }
        }
        int unacknowledgedFound = (int)
                found.keySet().stream().filter(id -> !created.containsKey(id)).count();
        log(String.format(
                "acknowledged before the restart: %d creates (of %d sent) and %d increments (of %d sent);"
                        + " %d writes were acknowledged after the kill was sent",
                createsAcknowledged.get(),
                createsSent.get(),
                incrementsAcked,
                incrementsSent.values().stream().mapToInt(AtomicInteger::get).sum(),
                acknowledgedAfterKillSent.get()));
        log(String.format(
                "found after the restart: %d of the %d acknowledged creates, %d increments"
                        + " (plus %d created objects whose create was never answered); %d problems",
                created.size() - lost, created.size(), incrementsFound, unacknowledgedFound, problems.size()));
        if (!problems.isEmpty()) {
            fail(problems.size() + " acknowledged writes did not survive kill -9:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(50, problems.size()))));
        }
    }

    private static void check(List<String> problems, Probe p, String field, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            problems.add(p.objectId() + "." + field + " = " + actual + ", acknowledged " + expected);
        }
    }

    // ---- the server process ----

    /** The pid of the running Liberty JVM, from the pid file Liberty writes at start. */
    private long serverPid() throws IOException {
        Path pidFile = wlp.resolve("usr/servers/.pid/" + serverName + ".pid");
        assertTrue(Files.isRegularFile(pidFile), "no pid file at " + pidFile);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertTrue(handle.isPresent() && handle.get().isAlive(), "pid " + pid + " from " + pidFile + " is not running");
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(cmdline)) {
            String cmd = Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
            assertTrue(
                    cmd.contains("ws-server.jar") && cmd.contains(serverName),
                    "pid " + pid + " is not the Liberty server " + serverName + ": " + cmd);
        }
        return pid;
    }

    /** SIGKILL, no shutdown hooks, no clean close of the store; returns once the process is gone. */
    private void kill9(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        kill.getOutputStream().close();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill -9 " + pid + " did not return");
        assertEquals(0, kill.exitValue(), "kill -9 " + pid + " failed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (isRunning(pid)) {
            assertTrue(System.nanoTime() < deadline, "pid " + pid + " still runs 60 s after kill -9");
            Thread.sleep(20);
        }
    }

    /** Alive and not a zombie (a killed process whose parent has not reaped it yet is gone for our purpose). */
    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** `server start` as the build does; its output goes to a file, never to this JVM's stdin/stdout. */
    private void startServer() throws Exception {
        Path script = wlp.resolve("bin/server");
        File output = buildDir.resolve("durability-it-server-start.log").toFile();
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "start", serverName)
                .directory(wlp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (pb.environment().get("JAVA_HOME") == null) {
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "server start " + serverName + " did not return within 180 s (see " + output + ")");
        assertEquals(0, p.exitValue(), "server start " + serverName + " failed (see " + output + ")");
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> res = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = res.statusCode() + " " + res.body();
                if (res.statusCode() == 200
                        && "ok".equals(JSON.readTree(res.body()).path("status").asText())) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        fail(base + "/health did not answer {\"status\":\"ok\"} within " + timeout.toSeconds() + " s; last: " + last);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Parse-Application-Id", "APPLICATION_ID")
                .header("X-Parse-Master-Key", "MASTER_KEY");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void log(String message) {
        System.out.println("[durability] " + message);
    }
}
