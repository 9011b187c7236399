package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scale-out: two more of our servers (the test WAR, with the example Cloud Code, on two Liberty
 * servers of their own, on their own ports) use the integration server's database and share
 * LiveQuery events and cache invalidations through a real Redis, which this test starts (Debian
 * package redis-server). They also require a LiveQuery key pair (liveQueryServerOptions.keyPairs).
 * Then the cluster part of the JS suite drives them: LiveQuery across servers, scheduled jobs
 * that each run once however many servers check the schedules, rate limits counted in Redis, and
 * schema changes (class-level permissions, fields, indexes) made through one server taking effect
 * on the other within a second.
 */
class ScaleOutIT {
    private static final Path BUILD = ExtraServers.BUILD;
    private static final String REDIS_PORT = System.getProperty("it.redis.port", "9341");
    private static final List<String> PORTS =
            List.of(System.getProperty("it.cluster.port.a", "9347"), System.getProperty("it.cluster.port.b", "9348"));
    private static final String DB_PORT = System.getProperty("it.db.port", "27117");
    private static Process redis;
    private static final List<String> servers = new ArrayList<>();

    @BeforeAll
    static void startRedisAndServers() throws Exception {
        Path redisData = Files.createDirectories(BUILD.resolve("it-redis"));
        try {
            redis = ChildProcesses.start(
                    redisData,
                    List.of(
                            "redis-server",
                            "--port",
                            REDIS_PORT,
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no"),
                    redisData.resolve("redis.log"));
        } catch (IOException e) {
            fail("redis-server is needed for the LiveQuery scale-out test (Debian: apt-get install redis-server): "
                    + e);
        }
        awaitPort(Integer.parseInt(REDIS_PORT), Duration.ofSeconds(20));
        List<Thread> starting = new ArrayList<>();
        for (int i = 0; i < PORTS.size(); i++) {
            String name = "itCluster" + (char) ('A' + i);
            createServer(name, PORTS.get(i));
            servers.add(name);
            Thread t = new Thread(() -> server("start", name));
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            t.join();
        }
        for (String port : PORTS) {
            ExtraServers.awaitHealthy("http://localhost:" + port + "/parse", Duration.ofSeconds(180));
        }
    }

    @AfterAll
    static void stopAll() {
        servers.forEach(name -> server("stop", name));
        if (redis != null) {
            redis.destroy();
        }
    }

    @Test
    void liveQueryEventsAndScheduledJobsAcrossServers() throws Exception {
        String urls = String.join(
                ",", PORTS.stream().map(p -> "http://localhost:" + p + "/parse").toList());
        ExtraServers.nodeTestsPass(
                "the scale-out tests",
                Map.of("PARSE_CLUSTER_URLS", urls, "PARSE_SERVER_URL", "http://localhost:" + PORTS.get(0) + "/parse"),
                "tests/livequery-cluster.test.js",
                "tests/jobs-cluster.test.js",
                "tests/ratelimit-cluster.test.js",
                "tests/schema-cluster.test.js");
    }

    /** A Liberty server with the test WAR, pointed at the IT server's embedded store and at Redis. */
    private static void createServer(String name, String port) throws IOException {
        ExtraServers.create(
                name,
                List.of(
                        "HTTP_PORT=" + port,
                        "PARSE_SERVER_APPLICATION_ID=APPLICATION_ID",
                        "PARSE_SERVER_MASTER_KEY=MASTER_KEY",
                        "PARSE_SERVER_JAVASCRIPT_KEY=JS_KEY",
                        "PARSE_SERVER_REST_API_KEY=REST_KEY",
                        "PARSE_SERVER_URL=http://localhost:" + port + "/parse",
                        "PARSE_SERVER_DATABASE_URI=mongodb://127.0.0.1:" + DB_PORT + "/parse",
                        "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION=true",
                        "PARSE_SERVER_LIVE_QUERY={\"classNames\":[\"LQTest\"],\"redisURL\":\"redis://127.0.0.1:"
                                + REDIS_PORT + "\"}",
                        "PARSE_SERVER_LIVE_QUERY_SERVER_OPTIONS={\"keyPairs\":{\"javascriptKey\":\"JS_KEY\"}}",
                        "PARSE_SERVER_RATE_LIMIT=[{\"requestPath\":\"/classes/SharedLimit*\",\"requestTimeWindow\":60000,"
                                + "\"requestCount\":3,\"includeInternalRequests\":true,\"redisUrl\":\"redis://127.0.0.1:"
                                + REDIS_PORT + "\"}]"));
    }

    private static void server(String action, String name) {
        ExtraServers.server(action, name);
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        fail("nothing listens on port " + port + " after " + timeout);
    }
}
