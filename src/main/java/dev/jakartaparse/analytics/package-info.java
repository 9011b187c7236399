/**
 * Analytics: the events clients report ({@code POST /events/<name>}) and the default adapter of
 * the {@code analytics.spi}, which stores each event in the internal class {@code _AnalyticsEvent}
 * (clients cannot reach it: Parse's class names starting with an underscore are the server's) so
 * that they can be counted per name and day.
 *
 * <p>May depend on {@code model} and {@code core.system} (which alone, with the pipelines, touches
 * the store); nothing in the core depends on it. Parse Server's default adapter discards events;
 * here they are kept.
 */
package dev.jakartaparse.analytics;
