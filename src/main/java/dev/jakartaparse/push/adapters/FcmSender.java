package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Sends one platform's notifications through FCM HTTP v1, one request per device token. */
final class FcmSender {
    /** FCM refuses a message whose payload is over 4 KB. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String platform;
    private final boolean apple;
    private final FcmSettings settings;
    private final HttpClient client;
    private final PushHttp http;
    private final Clock clock;
    private GoogleAccessTokens tokens;
    private String sendUrl;

    FcmSender(String platform, boolean apple, FcmSettings settings, HttpClient client, PushHttp http, Clock clock) {
        this.platform = platform;
        this.apple = apple;
        this.settings = settings;
        this.client = client;
        this.http = http;
        this.clock = clock;
    }

    List<Delivery> send(Notification notification, List<Device> devices) {
        Instant now = clock.instant();
        Map<String, Object> message = apple
                ? FcmMessages.apple(notification.data(), notification.expiresAt())
                : FcmMessages.android(notification.data(), notification.pushId(), now, notification.expiresAt());
        String rest = FcmMessages.json(message);
        int size = rest.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            String reason = "payload too large: " + size + " bytes, FCM accepts at most " + MAX_PAYLOAD_BYTES;
            return devices.stream().map(d -> Delivery.failed(d, reason)).toList();
        }
        GoogleAccessTokens credentials;
        try {
            credentials = credentials();
            credentials.current();
        } catch (IOException | RuntimeException e) {
            String reason = "FCM access token not obtained: " + e.getMessage();
            return devices.stream().map(d -> Delivery.failed(d, reason)).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return devices.stream().map(d -> Delivery.failed(d, "interrupted")).toList();
        }
        // {"message":{"token":"…", …the shaped message…}}: the message is written once, the token spliced in.
        String afterToken = "," + rest.substring(1) + "}";
        return http.deliver(
                devices,
                device -> {
                    try {
                        return PushHttp.request(sendUrl)
                                .header("authorization", "Bearer " + credentials.current())
                                .header("content-type", "application/json; charset=UTF-8")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"token\":"
                                        + FcmMessages.json(device.deviceToken()) + afterToken))
                                .build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                },
                (device, reply) -> judge(device, reply, credentials));
    }

    private synchronized GoogleAccessTokens credentials() throws IOException {
        if (tokens == null) {
            FcmSettings.ServiceAccount account = settings.serviceAccount(platform);
            sendUrl = settings.endpoint() + "/v1/projects/" + account.projectId() + "/messages:send";
            tokens = new GoogleAccessTokens(account, client, clock);
        }
        return tokens;
    }

    private static PushHttp.Verdict judge(Device device, PushHttp.Reply reply, GoogleAccessTokens credentials) {
        if (reply.status() == 200) {
            return PushHttp.Verdict.done(Delivery.sent(device));
        }
        String reason = reason(reply);
        if (reply.status() == 404 || reason.startsWith("UNREGISTERED")) {
            return PushHttp.Verdict.done(Delivery.invalidToken(device, reason));
        }
        if (reply.status() == 401) {
            credentials.discard();
            return PushHttp.Verdict.retry(reason);
        }
        if (reply.throttledOrBroken()) {
            return PushHttp.Verdict.retry(reason);
        }
        return PushHttp.Verdict.done(Delivery.failed(device, reason));
    }

    /** FCM's error: its errorCode (UNREGISTERED, QUOTA_EXCEEDED, ...) or status, and message. */
    static String reason(PushHttp.Reply reply) {
        if (reply.failure() != null || reply.body() == null) {
            return PushHttp.describe(reply);
        }
        try {
            JsonNode error = JSON.readTree(reply.body()).path("error");
            String code = error.path("status").asText("");
            for (JsonNode detail : error.path("details")) {
                if (detail.path("errorCode").isTextual()) {
                    code = detail.path("errorCode").asText();
                }
            }
            String message = error.path("message").asText("");
            if (!code.isEmpty() || !message.isEmpty()) {
                return (code.isEmpty() ? "HTTP " + reply.status() : code) + (message.isEmpty() ? "" : ": " + message);
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through: the status says enough
        }
        return PushHttp.describe(reply);
    }
}
