package dev.jakartaparse.push.spi;

import java.util.List;
import java.util.Set;

/**
 * Delivers notifications for some device types. The server calls {@link #send} from several
 * threads at once, with batches of devices that share one payload; an adapter bounds its own
 * concurrency towards its service.
 */
public interface PushAdapter {

    /** The installation deviceTypes it delivers to ("android", "ios", ...); empty when it is not configured. */
    Set<String> deviceTypes();

    /**
     * Sends the notification to each device and returns one {@link Delivery} per device, in any
     * order, once all are done. A device's failure is a {@link Delivery}, never an exception; an
     * exception means the whole batch failed (every device counts as failed).
     */
    List<Delivery> send(Notification notification, List<Device> devices);
}
