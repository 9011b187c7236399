package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jakartaparse.config.ConfigurationError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One platform's FCM settings from the {@code push} option: {@code firebaseServiceAccount} (the
 * service account JSON, as an object, as JSON text, or as the path of its file, read when the first
 * notification goes out), and ours: {@code fcmEndpoint}, {@code maxConcurrentRequests}.
 */
record FcmSettings(Object serviceAccountSource, String endpoint, int maxConcurrentRequests) {
    static final String DEFAULT_ENDPOINT = "https://fcm.googleapis.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields of a service account JSON this adapter uses. */
    record ServiceAccount(String projectId, String clientEmail, String privateKey, String tokenUri) {}

    static boolean wanted(Map<String, Object> settings) {
        return settings.containsKey("firebaseServiceAccount");
    }

    static FcmSettings from(String platform, Map<String, Object> settings) {
        Object account = settings.get("firebaseServiceAccount");
        if (!(account instanceof Map<?, ?>) && !(account instanceof String s && !s.isBlank())) {
            throw new ConfigurationError(
                    "push", "has no usable " + platform + ".firebaseServiceAccount (FCM Configuration is invalid)");
        }
        if (account instanceof Map<?, ?> m) {
            serviceAccount(platform, m);
        }
        String endpoint = Endpoints.checked(
                platform + ".fcmEndpoint", settings.getOrDefault("fcmEndpoint", DEFAULT_ENDPOINT), true);
        return new FcmSettings(
                account,
                endpoint,
                Endpoints.positive(platform, settings, "maxConcurrentRequests", PushHttp.DEFAULT_MAX_IN_FLIGHT));
    }

    /** The service account, read from its file or text now (the file may appear after start-up). */
    ServiceAccount serviceAccount(String platform) throws IOException {
        if (serviceAccountSource instanceof Map<?, ?> m) {
            return serviceAccount(platform, m);
        }
        String text = (String) serviceAccountSource;
        String json = text.trim().startsWith("{") ? text : Files.readString(Path.of(text));
        return serviceAccount(platform, JSON.readValue(json, Map.class));
    }

    private static ServiceAccount serviceAccount(String platform, Map<?, ?> m) {
        String projectId = text(m, "project_id", platform);
        String email = text(m, "client_email", platform);
        String key = text(m, "private_key", platform);
        Object tokenUri = m.get("token_uri");
        String uri = Endpoints.checked(
                platform + ".firebaseServiceAccount.token_uri",
                tokenUri == null ? "https://oauth2.googleapis.com/token" : tokenUri,
                true);
        return new ServiceAccount(projectId, email, key, uri);
    }

    private static String text(Map<?, ?> m, String field, String platform) {
        if (m.get(field) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new ConfigurationError("push", "has a " + platform + ".firebaseServiceAccount without " + field);
    }
}
