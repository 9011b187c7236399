package dev.jakartaparse.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parse Server's payload rules (Push/utils.js and PushWorker): localized {@code alert-<lang>} and
 * {@code title-<lang>} replace alert and title for installations whose localeIdentifier starts with
 * that language (the first such language in the payload wins), the others get the payload without
 * the localized keys; with an incrementing badge each installation gets its own badge.
 */
public final class PushPayloads {
    private static final List<String> LOCALIZABLE = List.of("alert", "title");

    private PushPayloads() {}

    /** The languages the payload has texts for, in the order they first appear. */
    public static List<String> locales(Map<String, Object> data) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : data.keySet()) {
            for (String base : LOCALIZABLE) {
                if (key.startsWith(base + "-")) {
                    out.add(key.substring(base.length() + 1));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The language of {@code locales} an installation's localeIdentifier starts with, or null. */
    public static String localeOf(String localeIdentifier, List<String> locales) {
        if (localeIdentifier == null) {
            return null;
        }
        for (String locale : locales) {
            if (localeIdentifier.startsWith(locale)) {
                return locale;
            }
        }
        return null;
    }

    /** The payload for one language (null: the default), without any localized key. */
    public static Map<String, Object> forLocale(Map<String, Object> data, String locale) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        if (locale != null) {
            for (String base : LOCALIZABLE) {
                Object text = data.get(base + "-" + locale);
                if (truthy(text)) {
                    out.put(base, text);
                }
            }
        }
        out.keySet().removeIf(key -> LOCALIZABLE.stream().anyMatch(base -> key.startsWith(base + "-")));
        return out;
    }

    /** The payload with an installation's own badge (after the increment). */
    public static Map<String, Object> withBadge(Map<String, Object> data, long badge) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put("badge", badge);
        return out;
    }

    private static boolean truthy(Object v) {
        return v != null && !"".equals(v) && !Boolean.FALSE.equals(v);
    }
}
