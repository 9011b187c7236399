package dev.jakartaparse.core.auth.providers;

import dev.jakartaparse.core.json.Json;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP client the built-in providers ask their identity services with (key sets, Facebook's
 * Graph API). One per application, working on the container's managed threads, so it goes with
 * the application when it is undeployed.
 */
@ApplicationScoped
class ProviderHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Resource
    ManagedExecutorService executor;

    private HttpClient http;

    @PostConstruct
    void open() {
        http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .executor(executor)
                .build();
    }

    /** The JSON object at url; null when the answer is not 200 with a JSON object, or the service cannot be reached. */
    Map<?, ?> getJson(String url) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && Json.parse(r.body()) instanceof Map<?, ?> m ? m : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
