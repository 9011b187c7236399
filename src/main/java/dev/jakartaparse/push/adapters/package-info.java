/**
 * The push adapters the server ships: {@code FcmPushAdapter} (Firebase Cloud Messaging HTTP v1, for
 * Android and, with a service account, for Apple devices) and {@code ApnsPushAdapter} (Apple Push
 * Notification service with token authentication over HTTP/2). Both read Parse Server's {@code push}
 * option, shape the payload as Parse's push adapter (@parse/push-adapter) does, bound their requests
 * in flight, retry 429 and 5xx answers with back-off (honouring Retry-After), report stale tokens as
 * {@code INVALID_TOKEN}, and refuse a notification over the service's 4 KB payload limit without
 * sending it.
 *
 * <p>Ours, not Parse's: {@code fcmEndpoint} and {@code apnsEndpoint} point an adapter at another host
 * (a proxy, or a test fake; plain {@code http://} only for FCM on a loopback address), and
 * {@code apnsCaFile} (a PEM path or text) is the one certificate authority an APNs entry trusts.
 * Parse's certificate-based APNs authentication ({@code cert}, {@code pfx}) is not supported: token
 * authentication is Apple's recommended way and the only one here.
 *
 * <p>May depend on {@code push.spi}, {@code config} and {@code model} only. The HTTP client's work runs
 * on the container's managed executor.
 */
package dev.jakartaparse.push.adapters;
