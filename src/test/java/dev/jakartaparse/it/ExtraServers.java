package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * More Liberty servers for tests that need several servers or another configuration: each gets
 * the test WAR, the product's server.xml and jvm.options, and a server.env of the test's own.
 */
final class ExtraServers {
    static final Path WLP =
            Path.of(System.getProperty("it.liberty.dir", "target/liberty/wlp")).toAbsolutePath();
    static final Path BUILD =
            Path.of(System.getProperty("it.build.dir", "target")).toAbsolutePath();

    private ExtraServers() {}

    /** Creates (or refreshes) the server's folder with this environment. */
    static void create(String name, List<String> env) throws IOException {
        Path dir = WLP.resolve("usr/servers").resolve(name);
        Files.createDirectories(dir.resolve("apps"));
        Path config = BUILD.getParent().resolve("server-config");
        Files.copy(config.resolve("server.xml"), dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(config.resolve("jvm.options"), dir.resolve("jvm.options"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                BUILD.resolve("it-war/parse-server.war"),
                dir.resolve("apps/parse-server.war"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("server.env"), String.join("\n", env) + "\n");
    }

    /** bin/server start|stop name. */
    static void server(String action, String name) {
        try {
            ChildProcesses.run(WLP, List.of(WLP.resolve("bin/server").toString(), action, name), Map.of(), 240);
        } catch (Exception e) {
            throw new IllegalStateException("server " + action + " " + name + " failed", e);
        }
    }

    static void awaitHealthy(String base, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        fail(base + " did not become healthy within " + timeout);
    }

    /**
     * Runs JS test files from src/test/js (installing its packages first if needed) and fails,
     * naming the failed tests, unless all pass. {@code suite} says what they are in that message.
     */
    static void nodeTestsPass(String suite, Map<String, String> env, String... files) throws Exception {
        Path dir = Path.of("src", "test", "js").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            ChildProcesses.run(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 600);
        }
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        command.addAll(List.of(files));
        TapFailures failures = new TapFailures();
        int code = ChildProcesses.run(dir, command, env, 300, failures);
        if (code != 0) {
            fail(suite + " failed (" + (code == -1 ? "out of time" : "exit code " + code) + "; output above): "
                    + failures);
        }
    }
}
