package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The black-box suite's fake FCM and APNs (src/test/js/tests/fake-push.js) in a child process, with its controls. */
final class FakePushProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final HttpClient control = HttpClient.newHttpClient();
    final JsonNode info;

    FakePushProcess(boolean record) throws IOException {
        Path script = Path.of("src/test/js/tests/fake-push.js").toAbsolutePath();
        Path dir = Path.of("target/fake-push-unit").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), "--dir", dir.toString());
        if (!record) {
            pb.command().add("--no-record");
        }
        process = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            process.destroy();
            throw new IOException("fake-push.js did not start");
        }
        info = JSON.readTree(line);
    }

    static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> pushOption() throws IOException {
        return JSON.treeToValue(info.get("pushOption"), Map.class);
    }

    JsonNode received() throws IOException, InterruptedException {
        return JSON.readTree(call("GET", "/__fake/received", null));
    }

    JsonNode counts() throws IOException, InterruptedException {
        return JSON.readTree(call("GET", "/__fake/counts", null));
    }

    void answer(Map<String, Object> answer) throws IOException, InterruptedException {
        call("POST", "/__fake/answer", JSON.writeValueAsString(answer));
    }

    void reset() throws IOException, InterruptedException {
        call("POST", "/__fake/reset", "{}");
    }

    private String call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(info.get("fcmUrl").asText() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return control.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
