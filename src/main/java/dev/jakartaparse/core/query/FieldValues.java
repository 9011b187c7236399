package dev.jakartaparse.core.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The values a (possibly dotted) key reaches in one object, following MongoDB path rules: a path
 * step into an array visits every sub-document of the array (and a numeric step also indexes it).
 * {@link #missing} records that some branch of the path did not exist, which matters for
 * {@code {"a.b": null}}.
 */
final class FieldValues {
    static final FieldValues MISSING = new FieldValues(List.of(), true);

    /** Found values; may contain null (a field stored as null exists). */
    final List<Object> values;
    /** Some branch of the path ended before the last step. */
    final boolean missing;

    private FieldValues(List<Object> values, boolean missing) {
        this.values = values;
        this.missing = missing;
    }

    static FieldValues of(Object value) {
        return new FieldValues(Collections.singletonList(value), false);
    }

    boolean exists() {
        return !values.isEmpty();
    }

    /** Resolves {@code path} (already split on dots) in {@code object}. */
    static FieldValues resolve(Map<String, Object> object, String key, String[] path) {
        if (path.length == 1) {
            return resolveTopLevel(object, key);
        }
        List<Object> found = new ArrayList<>(2);
        boolean[] missing = {false};
        walk(object, path, 0, found, missing);
        return found.isEmpty() && missing[0] ? MISSING : new FieldValues(found, missing[0]);
    }

    private static FieldValues resolveTopLevel(Map<String, Object> object, String key) {
        Object value = object.get(key);
        if (value == null && !object.containsKey(key)) {
            if ("_rperm".equals(key) || "_wperm".equals(key)) {
                List<Object> derived = permissionsFromAcl(object.get("ACL"), "_rperm".equals(key) ? "read" : "write");
                return derived == null ? MISSING : of(derived);
            }
            return MISSING;
        }
        // createdAt/updatedAt are BSON dates in the database although REST renders them as strings.
        if (value instanceof String iso && ("createdAt".equals(key) || "updatedAt".equals(key))) {
            Instant instant = ParseValues.parseIso(iso);
            if (instant != null) {
                return of(instant);
            }
        }
        return of(value);
    }

    private static void walk(Object current, String[] path, int index, List<Object> found, boolean[] missing) {
        if (index == path.length) {
            found.add(current);
            return;
        }
        String step = path[index];
        if (current instanceof Map<?, ?> map) {
            Object next = map.get(step);
            if (next == null && !map.containsKey(step)) {
                missing[0] = true;
                return;
            }
            if (index == 0 && next instanceof String iso && ("createdAt".equals(step) || "updatedAt".equals(step))) {
                Instant instant = ParseValues.parseIso(iso);
                next = instant != null ? instant : next;
            }
            walk(next, path, index + 1, found, missing);
        } else if (current instanceof List<?> list) {
            boolean visited = false;
            int arrayIndex = arrayIndex(step);
            if (arrayIndex >= 0 && arrayIndex < list.size()) {
                walk(list.get(arrayIndex), path, index + 1, found, missing);
                visited = true;
            }
            for (Object element : list) {
                if (element instanceof Map) {
                    walk(element, path, index, found, missing);
                    visited = true;
                }
            }
            if (!visited) {
                missing[0] = true;
            }
        } else {
            missing[0] = true;
        }
    }

    private static int arrayIndex(String step) {
        if (step.isEmpty() || step.length() > 9) {
            return -1;
        }
        for (int i = 0; i < step.length(); i++) {
            if (step.charAt(i) < '0' || step.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(step);
    }

    /** Parse stores an object's ACL as _rperm/_wperm arrays; derive them for queries on those keys. */
    private static List<Object> permissionsFromAcl(Object acl, String permission) {
        if (!(acl instanceof Map<?, ?> entries)) {
            return null;
        }
        List<Object> result = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> perms && Boolean.TRUE.equals(perms.get(permission))) {
                result.add(e.getKey());
            }
        }
        return result;
    }
}
