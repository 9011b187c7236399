package dev.jakartaparse.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 600);
        }
        int code = run(dir, List.of("npm", "test"), 1200);
        assertEquals(0, code, "the JS SDK compatibility suite failed (see its output above)");
    }

    private static int run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
        String port = System.getProperty("it.http.port", "9337");
        // Never inherit the forked JVM's stdin/stdout: failsafe talks to this JVM over them, and a
        // child writing there corrupts the channel. The child's output is copied through System.out.
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PARSE_SERVER_URL", "http://localhost:" + port + "/parse");
        pb.environment().put("PARSE_DB_PORT", System.getProperty("it.db.port", "27117"));
        pb.environment().put("PARSE_FAKE_PROVIDER_PORT", System.getProperty("it.fake.port", "9338"));
        pb.environment().put("PARSE_FAKE_SMTP_PORT", System.getProperty("it.smtp.port", "9340"));
        pb.environment().put("PARSE_EXPECT_HARDENED", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        Thread copier = new Thread(() -> copyLines(p.getInputStream()), "js-suite-output");
        copier.setDaemon(true);
        copier.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        copier.join(10_000);
        assertTrue(done, String.join(" ", command) + " did not finish within " + timeoutSeconds + " s in " + dir
                + File.separator);
        return p.exitValue();
    }

    private static void copyLines(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
            }
        } catch (IOException e) {
            System.out.println("[js-suite output ended: " + e.getMessage() + "]");
        }
    }
}
