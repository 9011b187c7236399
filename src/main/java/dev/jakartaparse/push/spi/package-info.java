/**
 * The push-adapter SPI: how the server hands notifications to a delivery service (FCM for Android,
 * APNs for Apple devices, or an application's own bean). An adapter is a CDI bean implementing
 * {@link dev.jakartaparse.push.spi.PushAdapter}; the server sends each installation's
 * notification to the adapter that serves its deviceType.
 *
 * <p>May depend on {@code model} and {@code config} only: adapters receive plain records, never
 * the server's objects, so one written for this SPI keeps working as the server changes.
 */
package dev.jakartaparse.push.spi;
