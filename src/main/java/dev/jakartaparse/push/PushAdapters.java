package dev.jakartaparse.push;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.push.spi.PushAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The push adapters the application has (CDI beans), and which serves each deviceType. */
@ApplicationScoped
public class PushAdapters {

    @Inject
    @Any
    Instance<PushAdapter> adapters;

    @Inject
    ParseConfig config;

    /** The adapter serving a deviceType, the first one that claims it. */
    public Optional<PushAdapter> forDeviceType(String deviceType) {
        for (PushAdapter adapter : adapters) {
            if (adapter.deviceTypes().contains(deviceType)) {
                return Optional.of(adapter);
            }
        }
        return Optional.empty();
    }

    public Set<String> deviceTypes() {
        Set<String> types = new TreeSet<>();
        adapters.forEach(a -> types.addAll(a.deviceTypes()));
        return types;
    }

    /** Parse Server's hasPushSupport: the push option is set, or an application's adapter serves some device. */
    public boolean pushSupported() {
        return config.push().configured() || !deviceTypes().isEmpty();
    }

    /** Parse Server's hasPushScheduledSupport. */
    public boolean scheduledPushSupported() {
        return pushSupported() && config.push().scheduledPush();
    }
}
