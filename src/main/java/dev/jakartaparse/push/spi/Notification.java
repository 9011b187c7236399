package dev.jakartaparse.push.spi;

import java.time.Instant;
import java.util.Map;

/**
 * What to send: the push's {@code data} as it reaches these devices (already localized and with
 * their badge resolved: {@code alert}, {@code title}, {@code badge}, {@code sound},
 * {@code content-available}, {@code category}, {@code uri} and any custom key), and when it stops
 * being worth delivering.
 *
 * @param pushId the _PushStatus objectId, for the adapter's logs and collapse ids
 * @param data the payload's data, as Parse's push adapters receive it
 * @param expiresAt null when the push does not expire
 */
public record Notification(String pushId, Map<String, Object> data, Instant expiresAt) {}
