package dev.jakartaparse.core.auth.providers;

import java.util.Map;

/**
 * A way to log in with a third party's credentials ({@code authData.<name>}), as Parse Server's
 * auth adapters. Implement it as a CDI bean and enable it by name under the {@code auth} option
 * (e.g. {@code {"myProvider": {"option": 1}}}); the options given there are passed to each call.
 */
public interface AuthProvider {

    /** The key under authData and under the auth option, e.g. "apple". */
    String name();

    /**
     * Checks the credentials a client sent for this provider; throws a ParseException (usually
     * 101) when they do not prove the claimed identity.
     */
    void validateAuthData(Map<String, Object> authData, Map<String, Object> options);
}
