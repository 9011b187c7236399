package dev.jakartaparse.cloud;

import java.util.Map;

/** What beforeLogin and afterLogin receive: the user (REST form, without secrets). */
public record LoginRequest(String triggerName, Map<String, Object> user, String installationId, boolean master) {
}
