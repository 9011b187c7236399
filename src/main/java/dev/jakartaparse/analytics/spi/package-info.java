/**
 * The analytics-adapter SPI: where the events clients report ({@code POST /events/<name>},
 * {@code Parse.Analytics.track}) go. An adapter is a CDI bean implementing
 * {@link dev.jakartaparse.analytics.spi.AnalyticsAdapter}; the default stores them in the
 * database and counts them, and an application replaces it with an {@code @Alternative} bean.
 *
 * <p>May depend on {@code model} only: adapters receive plain records.
 */
package dev.jakartaparse.analytics.spi;
