package dev.jakartaparse.analytics.spi;

import java.time.Instant;
import java.util.Map;

/**
 * One event a client reported.
 *
 * @param name           the event's name (AppOpened for {@code /events/AppOpened})
 * @param at             when it happened: the body's {@code at} when that is a date, else when it arrived
 * @param dimensions     the body's {@code dimensions} as sent (Parse's SDKs send string values), or empty
 * @param installationId the reporting client's installation, or null
 */
public record AnalyticsEvent(String name, Instant at, Map<String, Object> dimensions, String installationId) {}
