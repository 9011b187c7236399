package dev.jakartaparse.core.auth.providers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** Anonymous users: the random id the SDK generates is the whole credential, as in Parse Server. */
@ApplicationScoped
public class AnonymousProvider implements AuthProvider {

    @Override
    public String name() {
        return "anonymous";
    }

    @Override
    public void validateAuthData(Map<String, Object> authData, Map<String, Object> options) {
        // nothing to verify
    }
}
