package dev.jakartaparse.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs commands (npm, node, Liberty's server script) from integration tests. */
final class ChildProcesses {
    private ChildProcesses() {}

    /**
     * Runs a command to its end and returns its exit code, or -1 when it ran out of time (then
     * it is killed). Never inherits the forked JVM's stdin/stdout: failsafe talks to this JVM over
     * them, and a child writing there corrupts the channel; its output is copied to System.out.
     */
    static int run(Path dir, List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
        return run(dir, command, env, timeoutSeconds, line -> {});
    }

    /** As above, and each line of the output also goes to {@code lines}. */
    static int run(Path dir, List<String> command, Map<String, String> env, long timeoutSeconds, Consumer<String> lines)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        Thread copier = new Thread(() -> copyLines(p.getInputStream(), lines), "child-output");
        copier.setDaemon(true);
        copier.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        copier.join(10_000);
        return done ? p.exitValue() : -1;
    }

    /** Starts a long-running command (e.g. a database) with its output going to a file. */
    static Process start(Path dir, List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private static void copyLines(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(line);
                lines.accept(line);
            }
        } catch (IOException e) {
            System.out.println("[child output ended: " + e.getMessage() + "]");
        }
    }
}
