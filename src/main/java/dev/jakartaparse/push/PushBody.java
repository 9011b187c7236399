package dev.jakartaparse.push;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code POST /push} body, checked the way Parse Server's PushRouter and PushController check it
 * (same order, codes and messages), plus the checks Parse leaves to its adapters or never makes:
 * a where that is not an object, a push time in the past, an expiration before the push time.
 *
 * @param where the installations' query ({@code channels} becomes {@code {"channels":{"$in":...}}})
 * @param data the payload as sent
 * @param pushTime null for a push sent now
 * @param expiry the expiration in epoch milliseconds (from expiration_time, or now plus an
 *     expiration_interval for a push sent now), or null
 * @param expirationInterval seconds, as given, or null
 * @param badge what the push does to the installations' badge, or null
 */
public record PushBody(
        Map<String, Object> where,
        Map<String, Object> data,
        PushTime pushTime,
        Long expiry,
        Number expirationInterval,
        BadgeChange badge) {

    /** The audience: where or channels, exactly one (PushRouter.getQueryCondition). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> audience(Map<String, Object> body) {
        boolean hasWhere = body.containsKey("where");
        boolean hasChannels = body.containsKey("channels");
        if (hasWhere && hasChannels) {
            throw new ParseException(
                    ParseError.PUSH_MISCONFIGURED, "Channels and query can not be set at the same time.");
        }
        if (hasWhere) {
            if (!(body.get("where") instanceof Map<?, ?> where)) {
                throw new ParseException(ParseError.INVALID_QUERY, "where must be an object");
            }
            return new LinkedHashMap<>((Map<String, Object>) where);
        }
        if (hasChannels) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("channels", Map.of("$in", body.get("channels") == null ? List.of() : body.get("channels")));
            return where;
        }
        throw new ParseException(
                ParseError.PUSH_MISCONFIGURED, "Sending a push requires either \"channels\" or a \"where\" query.");
    }

    /**
     * The rest of the body (PushController.sendPush), for a push accepted {@code now}.
     *
     * @param scheduling whether a push_time schedules the push (scheduledPush); without it Parse sends at once
     */
    @SuppressWarnings("unchecked")
    public static PushBody parse(Map<String, Object> body, Map<String, Object> where, boolean scheduling, Instant now) {
        Long expiry = body.containsKey("expiration_time")
                ? PushTime.parseExpiration(body.get("expiration_time")).toEpochMilli()
                : null;
        Number interval = null;
        if (body.containsKey("expiration_interval")) {
            if (!(body.get("expiration_interval") instanceof Number n) || n.doubleValue() <= 0) {
                throw new ParseException(
                        ParseError.PUSH_MISCONFIGURED, "expiration_interval must be a number greater than 0");
            }
            interval = n;
        }
        if (expiry != null && interval != null) {
            throw new ParseException(
                    ParseError.PUSH_MISCONFIGURED, "Both expiration_time and expiration_interval cannot be set");
        }
        PushTime pushTime = body.containsKey("push_time") ? PushTime.parse(body.get("push_time")) : null;
        if (interval != null && pushTime == null) {
            expiry = now.toEpochMilli() + (long) (interval.doubleValue() * 1000);
        }
        Map<String, Object> data = body.get("data") instanceof Map<?, ?> d
                ? new LinkedHashMap<>((Map<String, Object>) d)
                : new LinkedHashMap<>();
        BadgeChange badge = BadgeChange.of(data.get("badge"));
        if (pushTime != null && scheduling) {
            if (pushTime.latest().isBefore(now)) {
                throw new ParseException(ParseError.PUSH_MISCONFIGURED, "push_time must not be in the past.");
            }
            if (expiry != null && expiry <= pushTime.instant().toEpochMilli()) {
                throw new ParseException(ParseError.PUSH_MISCONFIGURED, "expiration_time must be after push_time.");
            }
        }
        return new PushBody(where, data, scheduling ? pushTime : null, expiry, interval, badge);
    }

    /** What a push does to each installation's badge: add an amount, or set a value. */
    public record BadgeChange(boolean increment, long amount) {

        /** Parse's rules: "Increment" (any case), {"__op":"Increment","amount":n}, or a number; null when unset. */
        @SuppressWarnings("unchecked")
        static BadgeChange of(Object badge) {
            if (!truthy(badge)) {
                return null;
            }
            if (badge instanceof String s && s.toLowerCase(Locale.ROOT).equals("increment")) {
                return new BadgeChange(true, 1);
            }
            if (badge instanceof Map<?, ?> m
                    && m.get("__op") instanceof String op
                    && op.toLowerCase(Locale.ROOT).equals("increment")
                    && number(((Map<String, Object>) m).get("amount")) != null) {
                return new BadgeChange(true, number(m.get("amount")));
            }
            Long value = number(badge);
            if (value != null) {
                return new BadgeChange(false, value);
            }
            throw new ParseException(
                    ParseError.PUSH_MISCONFIGURED,
                    "Invalid value for badge, expected number or 'Increment' or {increment: number}");
        }

        /** A non-zero whole number, from a number or a numeric string (JavaScript's Number(x)). */
        private static Long number(Object v) {
            double d;
            if (v instanceof Number n) {
                d = n.doubleValue();
            } else if (v instanceof String s && !s.isBlank()) {
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
            return Double.isFinite(d) && d != 0 ? (long) d : null;
        }

        private static boolean truthy(Object v) {
            return v != null
                    && !Boolean.FALSE.equals(v)
                    && !"".equals(v)
                    && !(v instanceof Number n && (n.doubleValue() == 0 || Double.isNaN(n.doubleValue())));
        }
    }
}
