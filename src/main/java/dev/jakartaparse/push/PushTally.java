package dev.jakartaparse.push;

import dev.jakartaparse.push.spi.Delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A push's counts as _PushStatus keeps them (numSent, numFailed, sentPerType, failedPerType,
 * sentPerUTCOffset, failedPerUTCOffset, count), continued from what is stored when a push resumes.
 */
final class PushTally {
    private long numSent;
    private long numFailed;
    private final Map<String, Object> sentPerType;
    private final Map<String, Object> failedPerType;
    private final Map<String, Object> sentPerUTCOffset;
    private final Map<String, Object> failedPerUTCOffset;
    private long count;

    PushTally(Map<String, Object> status) {
        numSent = longOf(status.get("numSent"));
        numFailed = longOf(status.get("numFailed"));
        sentPerType = mapOf(status.get("sentPerType"));
        failedPerType = mapOf(status.get("failedPerType"));
        sentPerUTCOffset = mapOf(status.get("sentPerUTCOffset"));
        failedPerUTCOffset = mapOf(status.get("failedPerUTCOffset"));
        count = longOf(status.get("count"));
    }

    void add(List<Delivery> deliveries, String utcOffset) {
        for (Delivery d : deliveries) {
            String type = d.device().deviceType();
            if (d.wasSent()) {
                numSent++;
                increment(sentPerType, type);
                if (utcOffset != null) {
                    increment(sentPerUTCOffset, utcOffset);
                }
            } else {
                numFailed++;
                increment(failedPerType, type);
                if (utcOffset != null) {
                    increment(failedPerUTCOffset, utcOffset);
                }
            }
        }
    }

    /** A page is done: one batch fewer to go. */
    void pageDone() {
        count = Math.max(0, count - 1);
    }

    /** The fields to store (the ones Parse has set by now: a count is only there once non-zero). */
    Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("numSent", numSent);
        if (numFailed > 0) {
            out.put("numFailed", numFailed);
        }
        putIfAny(out, "sentPerType", sentPerType);
        putIfAny(out, "failedPerType", failedPerType);
        putIfAny(out, "sentPerUTCOffset", sentPerUTCOffset);
        putIfAny(out, "failedPerUTCOffset", failedPerUTCOffset);
        out.put("count", count);
        return out;
    }

    private static void putIfAny(Map<String, Object> out, String key, Map<String, Object> counts) {
        if (!counts.isEmpty()) {
            out.put(key, new LinkedHashMap<>(counts));
        }
    }

    private static void increment(Map<String, Object> counts, String key) {
        counts.put(key, longOf(counts.get(key)) + 1);
    }

    private static long longOf(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object v) {
        return v instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}
