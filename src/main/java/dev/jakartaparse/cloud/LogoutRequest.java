package dev.jakartaparse.cloud;

import java.util.Map;

/** What afterLogout receives: the session that was ended. */
public record LogoutRequest(Map<String, Object> session, String installationId) {
}
