package dev.jakartaparse.push.adapters;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.config.PushOptions;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;
import dev.jakartaparse.push.spi.PushAdapter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Apple Push Notification service with token authentication over HTTP/2, for the {@code ios},
 * {@code osx}, {@code tvos} and {@code watchos} entries of the push option that have no
 * {@code firebaseServiceAccount}. As in Parse's adapter, an installation's appIdentifier picks the
 * entries whose topic it is (else the entries without a topic), production entries first; a device
 * one entry fails for is tried through the next.
 */
@ApplicationScoped
public class ApnsPushAdapter implements PushAdapter {
    private static final List<String> APPLE = List.of("ios", "osx", "tvos", "watchos");

    @Inject
    ParseConfig config;

    @Resource
    ManagedExecutorService executor;

    private Map<String, List<ApnsProvider>> providers = Map.of();

    public ApnsPushAdapter() {}

    /** An adapter outside the container (tests, tools): its clients run on the given executor. */
    public ApnsPushAdapter(PushOptions options, Executor executor, Clock clock, Duration firstBackOff) {
        open(options, executor, clock, firstBackOff);
    }

    @PostConstruct
    void start() {
        open(config.push(), executor, Clock.systemUTC(), Duration.ofMillis(500));
    }

    /** Created at deployment, so a malformed push option stops start-up as it stops Parse Server's. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        deviceTypes();
    }

    private void open(PushOptions options, Executor executor, Clock clock, Duration firstBackOff) {
        Map<String, List<ApnsSettings>> wanted = new LinkedHashMap<>();
        for (String platform : APPLE) {
            Object value = options.adapters().get(platform);
            if (value != null && !FcmSettings.wanted(options.adapter(platform))) {
                wanted.put(platform, ApnsSettings.entries(platform, value));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        int bound = wanted.values().stream()
                .flatMap(List::stream)
                .mapToInt(ApnsSettings::maxConcurrentRequests)
                .min()
                .orElseThrow();
        Semaphore inFlight = new Semaphore(bound);
        Map<String, List<ApnsProvider>> made = new LinkedHashMap<>();
        wanted.forEach((platform, entries) -> made.put(
                platform,
                entries.stream()
                        .sorted(Comparator.comparing(s -> !s.production()))
                        .map(s -> new ApnsProvider(s, executor, inFlight, firstBackOff, clock))
                        .toList()));
        providers = Map.copyOf(made);
    }

    @Override
    public Set<String> deviceTypes() {
        return providers.keySet();
    }

    @Override
    public List<Delivery> send(Notification notification, List<Device> devices) {
        return DeviceRouting.send(providers, notification, devices, this::sendToPlatform);
    }

    private List<Delivery> sendToPlatform(List<ApnsProvider> entries, Notification notification, List<Device> devices) {
        Map<String, List<Device>> byApp = new LinkedHashMap<>();
        for (Device device : devices) {
            byApp.computeIfAbsent(Objects.requireNonNullElse(device.appIdentifier(), ""), a -> new ArrayList<>())
                    .add(device);
        }
        List<Delivery> results = new ArrayList<>(devices.size());
        byApp.forEach((app, group) -> {
            String appIdentifier = app.isEmpty() ? null : app;
            List<ApnsProvider> chosen = choose(entries, appIdentifier);
            if (chosen.isEmpty()) {
                group.forEach(d -> results.add(Delivery.failed(d, "No Provider found")));
                return;
            }
            ApnsNotifications.Shaped shaped =
                    ApnsNotifications.shape(notification.data(), appIdentifier, notification.expiresAt());
            byte[] payload = FcmMessages.json(shaped.payload()).getBytes(StandardCharsets.UTF_8);
            if (payload.length > ApnsNotifications.MAX_PAYLOAD_BYTES) {
                String reason = "payload too large: " + payload.length + " bytes, APNs accepts at most "
                        + ApnsNotifications.MAX_PAYLOAD_BYTES;
                group.forEach(d -> results.add(Delivery.failed(d, reason)));
                return;
            }
            results.addAll(sendThrough(chosen, shaped, payload, group));
        });
        return results;
    }

    /** Through the first entry; what it did not deliver, through the next (a sandbox token, say). */
    private static List<Delivery> sendThrough(
            List<ApnsProvider> entries, ApnsNotifications.Shaped shaped, byte[] payload, List<Device> devices) {
        List<Delivery> results = new ArrayList<>(devices.size());
        List<Device> pending = devices;
        for (int i = 0; i < entries.size() && !pending.isEmpty(); i++) {
            List<Delivery> answered = entries.get(i).send(shaped, payload, pending);
            boolean last = i == entries.size() - 1;
            List<Device> undelivered = new ArrayList<>();
            for (Delivery d : answered) {
                if (d.wasSent() || last) {
                    results.add(d);
                } else {
                    undelivered.add(d.device());
                }
            }
            pending = undelivered;
        }
        return results;
    }

    private static List<ApnsProvider> choose(List<ApnsProvider> entries, String appIdentifier) {
        List<ApnsProvider> matching = entries.stream()
                .filter(p -> Objects.equals(appIdentifier, p.settings().topic()))
                .toList();
        return matching.isEmpty()
                ? entries.stream().filter(p -> p.settings().topic() == null).toList()
                : matching;
    }
}
