package dev.jakartaparse.livequery;

import dev.jakartaparse.model.Auth;
import dev.jakartaparse.core.security.AccessControl;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may receive which event, as pure functions: the object's ACL, the class-level permission
 * of the subscription's operation (with requiresAuthentication and pointer permissions), the
 * kind of event from what matched before and after, and the watch list.
 */
final class EventRules {
    private EventRules() {
    }

    /** Whether the ACL in a REST object lets this caller read it (no ACL: everyone). */
    static boolean readable(Map<String, Object> object, Auth auth) {
        if (object == null) {
            return false;
        }
        if (auth.canReadEverything() || !(object.get("ACL") instanceof Map<?, ?> acl)) {
            return true;
        }
        if (canRead(acl, "*")) {
            return true;
        }
        if (!auth.hasUser()) {
            return false;
        }
        if (canRead(acl, auth.userId())) {
            return true;
        }
        boolean namesRoles = acl.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("role:"));
        if (!namesRoles) {
            return false; // no need to load the user's roles
        }
        for (String role : auth.roles()) {
            if (canRead(acl, role)) {
                return true;
            }
        }
        return false;
    }

    private static boolean canRead(Map<?, ?> acl, String who) {
        return acl.get(who) instanceof Map<?, ?> p && Boolean.TRUE.equals(p.get("read"));
    }

    /**
     * The class-level permission for get/find, applied to one object: open, granted to the
     * caller or a role, requiresAuthentication with a user, or a pointer field naming the user.
     */
    static boolean permitted(Map<String, Object> clp, String operation, Auth auth, Map<String, Object> object) {
        if (auth.canReadEverything() || clp == null || AccessControl.allows(clp, auth.aclGroup(), operation)) {
            return true;
        }
        Map<?, ?> perms = (Map<?, ?>) clp.get(operation);
        if (Boolean.TRUE.equals(perms.get("requiresAuthentication"))) {
            return auth.hasUser();
        }
        List<String> fields = AccessControl.pointerPermissionFields(clp, operation);
        if (fields.isEmpty() || !auth.hasUser()) {
            return false;
        }
        return fields.stream().anyMatch(f -> AccessControl.pointsAt(object.get(f), auth.userId()));
    }

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
