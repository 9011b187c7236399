package dev.jakartaparse.livequery;

import dev.jakartaparse.model.Auth;

import java.util.Map;

/**
 * Opens LiveQuery's package-private {@link EventRules} to the visibility table in core.security:
 * whether a subscriber may receive an event about this object, decided in memory exactly as
 * LiveQueryServer decides it for a delete (the class-level permission of the subscription's
 * operation, then the ACL). Goes away when those rules move into the core's read guard.
 */
public final class LiveQueryEventRules {
    private LiveQueryEventRules() {
    }

    public static boolean visible(Map<String, Object> clp, String operation, Auth auth, Map<String, Object> object) {
        return EventRules.permitted(clp, operation, auth, object) && EventRules.readable(object, auth);
    }
}
