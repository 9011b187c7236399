package dev.jakartaparse.push.adapters;

import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;
import dev.jakartaparse.push.spi.Notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hands each device to the sender of its platform: its pushType when one is configured, else its deviceType. */
final class DeviceRouting {
    private DeviceRouting() {}

    interface Sending<S> {
        List<Delivery> send(S sender, Notification notification, List<Device> devices);
    }

    static <S> List<Delivery> send(
            Map<String, S> senders, Notification notification, List<Device> devices, Sending<S> sending) {
        Map<String, List<Device>> byPlatform = new LinkedHashMap<>();
        List<Delivery> results = new ArrayList<>(devices.size());
        for (Device device : devices) {
            String platform = device.pushType() != null && senders.containsKey(device.pushType())
                    ? device.pushType()
                    : device.deviceType();
            if (device.deviceToken() == null || device.deviceToken().isEmpty()) {
                results.add(Delivery.failed(device, "no deviceToken"));
            } else if (!senders.containsKey(platform)) {
                results.add(Delivery.failed(device, "Can not find sender for push type " + platform));
            } else {
                byPlatform.computeIfAbsent(platform, p -> new ArrayList<>()).add(device);
            }
        }
        byPlatform.forEach(
                (platform, group) -> results.addAll(sending.send(senders.get(platform), notification, group)));
        return results;
    }
}
