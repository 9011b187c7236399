package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the black-box suite in src/test/js (the official Parse JS SDK and plain HTTP, on Node's
 * test runner) against the packaged server that the build started on Liberty. Running it from a
 * failsafe test means a failure is reported after the server has been stopped.
 */
class JsSdkCompatibilityIT {

    @Test
    void jsSdkSuitePassesAgainstThePackagedServer() throws Exception {
        Path dir = Path.of("src", "test", "js").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 600, line -> {});
        }
        TapFailures failures = new TapFailures();
        int code = run(dir, List.of("npm", "test"), 1200, failures);
        assertEquals(0, code, "the JS SDK compatibility suite failed (output above): " + failures);
    }

    private static int run(Path dir, List<String> command, long timeoutSeconds, Consumer<String> lines)
            throws Exception {
        String port = System.getProperty("it.http.port", "9337");
        int code = ChildProcesses.run(
                dir,
                command,
                Map.of(
                        "PARSE_SERVER_URL", "http://localhost:" + port + "/parse",
                        "PARSE_DB_PORT", System.getProperty("it.db.port", "27117"),
                        "PARSE_FAKE_PROVIDER_PORT", System.getProperty("it.fake.port", "9338"),
                        "PARSE_FAKE_SMTP_PORT", System.getProperty("it.smtp.port", "9340"),
                        "PARSE_EXPECT_HARDENED", "1"),
                timeoutSeconds,
                lines);
        assertTrue(code != -1, String.join(" ", command) + " did not finish within " + timeoutSeconds + " s in " + dir);
        return code;
    }
}
