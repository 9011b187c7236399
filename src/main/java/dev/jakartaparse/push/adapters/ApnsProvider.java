package dev.jakartaparse.push.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * One APNs entry at work: its provider token and its HTTP/2 connection (trusting {@code apnsCaFile}
 * when given), made when the first notification goes out, so key files may appear after start-up.
 */
final class ApnsProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STALE = Set.of("BadDeviceToken", "Unregistered");

    private final ApnsSettings settings;
    private final Executor executor;
    private final Semaphore inFlight;
    private final Duration firstBackOff;
    private final Clock clock;
    private ApnsProviderToken token;
    private PushHttp http;

    ApnsProvider(ApnsSettings settings, Executor executor, Semaphore inFlight, Duration firstBackOff, Clock clock) {
        this.settings = settings;
        this.executor = executor;
        this.inFlight = inFlight;
        this.firstBackOff = firstBackOff;
        this.clock = clock;
    }

    ApnsSettings settings() {
        return settings;
    }

    List<Delivery> send(ApnsNotifications.Shaped shaped, byte[] payload, List<Device> devices) {
        try {
            open();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String reason = "APNs provider not usable: " + e.getMessage();
            return devices.stream().map(d -> Delivery.failed(d, reason)).toList();
        }
        ApnsProviderToken credentials = token;
        return http.deliver(
                devices,
                device -> {
                    HttpRequest.Builder request = PushHttp.request(settings.endpoint() + "/3/device/"
                                    + URLEncoder.encode(device.deviceToken(), StandardCharsets.UTF_8))
                            .header("authorization", "bearer " + credentials.current())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
                    shaped.headers().forEach((name, value) -> {
                        if (value != null) {
                            request.header(name, value);
                        }
                    });
                    return request.build();
                },
                (device, reply) -> judge(device, reply, credentials));
    }

    private synchronized void open() throws IOException, GeneralSecurityException {
        if (http != null) {
            return;
        }
        var key = KeyMaterial.privateKey(KeyMaterial.pemText(settings.key()), "EC");
        HttpClient client = PushHttp.client(
                executor,
                settings.caFile() == null ? null : KeyMaterial.trusting(KeyMaterial.pemText(settings.caFile())));
        token = new ApnsProviderToken(key, settings.keyId(), settings.teamId(), clock);
        http = new PushHttp(client, executor, inFlight, PushHttp.DEFAULT_MAX_TRIES, firstBackOff);
    }

    private static PushHttp.Verdict judge(Device device, PushHttp.Reply reply, ApnsProviderToken credentials) {
        if (reply.status() == 200) {
            return PushHttp.Verdict.done(Delivery.sent(device));
        }
        String reason = reason(reply);
        if (reply.status() == 410 || STALE.contains(reason)) {
            return PushHttp.Verdict.done(Delivery.invalidToken(device, reason));
        }
        if (reply.status() == 403 && "ExpiredProviderToken".equals(reason)) {
            credentials.expired();
            return PushHttp.Verdict.retry(reason);
        }
        if (reply.throttledOrBroken()) {
            return PushHttp.Verdict.retry(reason);
        }
        return PushHttp.Verdict.done(Delivery.failed(device, reason));
    }

    /** Apple's reason (BadDeviceToken, Unregistered, TooManyRequests, ...), as Parse reports it. */
    static String reason(PushHttp.Reply reply) {
        if (reply.failure() == null && reply.body() != null && !reply.body().isEmpty()) {
            try {
                var reason = JSON.readTree(reply.body()).path("reason");
                if (reason.isTextual()) {
                    return reason.asText();
                }
            } catch (IOException | RuntimeException notJson) {
                // the status says enough
            }
        }
        return PushHttp.describe(reply);
    }
}
