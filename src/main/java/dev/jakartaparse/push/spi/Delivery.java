package dev.jakartaparse.push.spi;

/**
 * The outcome of one device's notification.
 *
 * @param device the device it was for
 * @param outcome sent, failed, or failed because the service no longer knows the token
 * @param error the service's reason when it was not sent (for _PushStatus and the log), else null
 */
public record Delivery(Device device, Outcome outcome, String error) {

    public enum Outcome {
        SENT,
        FAILED,
        /** The token is stale (FCM UNREGISTERED, APNs 410 / BadDeviceToken): it counts as failed. */
        INVALID_TOKEN
    }

    public static Delivery sent(Device device) {
        return new Delivery(device, Outcome.SENT, null);
    }

    public static Delivery failed(Device device, String error) {
        return new Delivery(device, Outcome.FAILED, error);
    }

    public static Delivery invalidToken(Device device, String error) {
        return new Delivery(device, Outcome.INVALID_TOKEN, error);
    }

    public boolean wasSent() {
        return outcome == Outcome.SENT;
    }
}
