package dev.jakartaparse.push.adapters;

import dev.jakartaparse.config.ConfigurationError;
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

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Firebase Cloud Messaging (HTTP v1), as Parse's push adapter configures it: the {@code android} and
 * {@code fcm} entries of the push option, and the Apple entries ({@code ios}, {@code osx},
 * {@code tvos}, {@code watchos}) that carry a {@code firebaseServiceAccount}.
 */
@ApplicationScoped
public class FcmPushAdapter implements PushAdapter {
    private static final List<String> ANDROID = List.of("android", "fcm");
    private static final List<String> APPLE = List.of("ios", "osx", "tvos", "watchos");

    @Inject
    ParseConfig config;

    @Resource
    ManagedExecutorService executor;

    private Map<String, FcmSender> senders = Map.of();

    public FcmPushAdapter() {}

    /** An adapter outside the container (tests, tools): its client runs on the given executor. */
    public FcmPushAdapter(PushOptions options, Executor executor, Clock clock, Duration firstBackOff) {
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
        Map<String, FcmSettings> wanted = new LinkedHashMap<>();
        for (String platform : ANDROID) {
            Map<String, Object> settings = options.adapter(platform);
            if (options.adapters().containsKey(platform) && !FcmSettings.wanted(settings)) {
                throw new ConfigurationError(
                        "push", "needs a firebaseServiceAccount for " + platform + " (Android/FCM push notifications)");
            }
            if (FcmSettings.wanted(settings)) {
                wanted.put(platform, FcmSettings.from(platform, settings));
            }
        }
        for (String platform : APPLE) {
            if (FcmSettings.wanted(options.adapter(platform))) {
                wanted.put(platform, FcmSettings.from(platform, options.adapter(platform)));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        HttpClient client = PushHttp.client(executor, null);
        int inFlight = wanted.values().stream()
                .mapToInt(FcmSettings::maxConcurrentRequests)
                .min()
                .orElseThrow();
        PushHttp http =
                new PushHttp(client, executor, new Semaphore(inFlight), PushHttp.DEFAULT_MAX_TRIES, firstBackOff);
        Map<String, FcmSender> made = new LinkedHashMap<>();
        wanted.forEach((platform, settings) ->
                made.put(platform, new FcmSender(platform, APPLE.contains(platform), settings, client, http, clock)));
        senders = Map.copyOf(made);
    }

    @Override
    public Set<String> deviceTypes() {
        return senders.keySet();
    }

    @Override
    public List<Delivery> send(Notification notification, List<Device> devices) {
        return DeviceRouting.send(senders, notification, devices, FcmSender::send);
    }
}
