package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.CloudLog;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Cloud Code log that Parse Dashboard shows (GET /scriptlog): the server's lines about
 * functions and triggers it ran, and what Cloud Code writes itself ({@code @Inject CloudLog log;
 * log.info("...")}). The latest entries are kept in memory, per server; every line also goes to
 * the server's own log.
 */
@ApplicationScoped
public class ScriptLog implements CloudLog {
    private static final Logger LOG = Logger.getLogger("dev.jakartaparse.cloud.scriptlog");
    private static final int CAPACITY = 1000;
    private static final int MAX_TEXT = 1000;

    private record Entry(Instant at, String level, Map<String, Object> json) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    @Override
    public void info(String message) {
        add("info", message, Map.of());
    }

    @Override
    public void warn(String message) {
        add("warn", message, Map.of());
    }

    @Override
    public void error(String message) {
        add("error", message, Map.of());
    }

    /** A line with extra fields (functionName, className, triggerType, user ...), as Parse Server logs them. */
    void add(String level, String message, Map<String, Object> extra) {
        Instant now = Instant.now();
        Map<String, Object> json = new TreeMap<>(extra);
        json.put("level", level);
        json.put("message", message);
        json.put("timestamp", ObjectIds.iso(now));
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(new Entry(now, level, json));
        }
        LOG.log("error".equals(level) ? Level.WARNING : Level.INFO, message);
    }

    /**
     * Entries between from and until, newest first unless order is "asc", at most size of them;
     * level "error" gives the errors only, any other level everything.
     */
    public List<Map<String, Object>> query(String level, int size, Instant from, Instant until, boolean ascending) {
        List<Map<String, Object>> out = new ArrayList<>();
        synchronized (entries) {
            Iterator<Entry> it = ascending ? entries.iterator() : entries.descendingIterator();
            while (it.hasNext() && out.size() < size) {
                Entry e = it.next();
                if (e.at().isBefore(from)
                        || e.at().isAfter(until)
                        || "error".equals(level) && !"error".equals(e.level())) {
                    continue;
                }
                out.add(e.json());
            }
        }
        return out;
    }

    // ---- the server's own lines, worded as Parse Server words them ----

    void functionRan(String name, String userId, Map<String, Object> params, FunctionResult result) {
        add(
                "info",
                "Ran cloud function " + name + " for user " + who(userId) + " with:\n  Input: " + text(params)
                        + "\n  Result: " + (result.present() ? text(result.value()) : "undefined"),
                fields("functionName", name, "params", params, "user", userId));
    }

    void functionFailed(String name, String userId, Map<String, Object> params, ParseException e) {
        Map<String, Object> error = error(e);
        add(
                "error",
                "Failed running cloud function " + name + " for user " + who(userId) + " with:\n  Input: "
                        + text(params) + "\n  Error: " + Json.writeString(error),
                fields("functionName", name, "params", params, "user", userId, "error", error));
    }

    /** A trigger that ran; before-triggers also log what they produced. */
    void triggerRan(String triggerType, String className, String userId, Object input, Object result, boolean before) {
        add(
                "info",
                triggerType + " triggered for " + className + " for user " + who(userId) + ":\n  Input: " + text(input)
                        + (before ? "\n  Result: " + text(result) : ""),
                fields("className", className, "triggerType", triggerType, "user", userId));
    }

    void triggerFailed(String triggerType, String className, String userId, Object input, ParseException e) {
        Map<String, Object> error = error(e);
        add(
                "error",
                triggerType + " failed for " + className + " for user " + who(userId) + ":\n  Input: " + text(input)
                        + "\n  Error: " + Json.writeString(error),
                fields("className", className, "triggerType", triggerType, "user", userId, "error", error));
    }

    /** As JavaScript prints a missing user id. */
    private static String who(String userId) {
        return userId == null ? "undefined" : userId;
    }

    private static Map<String, Object> error(ParseException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("code", e.code());
        return error;
    }

    /** Key-value pairs, leaving out null values (an anonymous caller has no user field). */
    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    /** JSON for a log line, cut at 1,000 characters as Parse Server does. */
    static String text(Object value) {
        String s = Json.writeString(value);
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "... (truncated)" : s;
    }
}
