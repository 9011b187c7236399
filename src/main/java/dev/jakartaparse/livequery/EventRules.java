package dev.jakartaparse.livequery;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which event a subscriber gets, as pure functions: the kind of event from what it could see
 * before and after, and the watch list. Whether it may see the object at all is the read guard's
 * ({@code core.security.ReadGuard}).
 */
final class EventRules {
    private EventRules() {}

    /** Parse's event kinds: both visible: update; only before: leave; only after: enter, or create when new. */
    static String kind(boolean visibleBefore, boolean visibleAfter, boolean isNew) {
        if (visibleBefore && visibleAfter) {
            return "update";
        }
        if (visibleBefore) {
            return "leave";
        }
        if (visibleAfter) {
            return isNew ? "create" : "enter";
        }
        return null;
    }

    /** With a watch list, an update (or create) is sent only when a watched field changed. */
    static boolean watchedFieldChanged(List<String> watch, Map<String, Object> object, Map<String, Object> original) {
        if (watch == null) {
            return true;
        }
        for (String field : watch) {
            Object before = original == null ? null : original.get(field);
            if (!Objects.equals(object.get(field), before)) {
                return true;
            }
        }
        return false;
    }
}
