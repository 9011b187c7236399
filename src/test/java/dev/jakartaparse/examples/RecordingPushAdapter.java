package dev.jakartaparse.examples;

import dev.jakartaparse.cloud.CloudFunction;
import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;
import dev.jakartaparse.push.spi.PushAdapter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A push adapter of the test WAR only, for deviceType "test": it records every notification it is
 * given (read by the black-box tests through the Cloud Code function pushDeliveries) and fails the
 * devices whose token starts with "fail", or "stale" (as a token the service no longer knows).
 */
@ApplicationScoped
public class RecordingPushAdapter implements PushAdapter {
    private final List<Map<String, Object>> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> deviceTypes() {
        return Set.of("test");
    }

    @Override
    public List<Delivery> send(Notification notification, List<Device> devices) {
        return devices.stream().map(d -> deliver(notification, d)).toList();
    }

    private Delivery deliver(Notification notification, Device device) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("pushId", notification.pushId());
        record.put("installation", device.installationId());
        record.put("deviceToken", device.deviceToken());
        record.put("data", notification.data());
        record.put(
                "expiresAt",
                notification.expiresAt() == null
                        ? null
                        : notification.expiresAt().toString());
        record.put("at", System.currentTimeMillis());
        deliveries.add(record);
        String token = device.deviceToken() == null ? "" : device.deviceToken();
        if (token.startsWith("fail")) {
            return Delivery.failed(device, "refused");
        }
        if (token.startsWith("stale")) {
            return Delivery.invalidToken(device, "Unregistered");
        }
        return Delivery.sent(device);
    }

    /** The deliveries recorded for a push ({"pushId": ...}), or all of them. */
    @CloudFunction("pushDeliveries")
    public List<Map<String, Object>> pushDeliveries(FunctionRequest request) {
        Object pushId = request.params().get("pushId");
        return deliveries.stream()
                .filter(d -> pushId == null || pushId.equals(d.get("pushId")))
                .toList();
    }
}
