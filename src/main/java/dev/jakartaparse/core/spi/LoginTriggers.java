package dev.jakartaparse.core.spi;

import dev.jakartaparse.model.RequestContext;

import java.util.Map;

/**
 * The application-wide log-in triggers (with the request that logs in: its caller and client), as the account code calls them: implemented by the Cloud
 * Code runtime, so the core does not know how triggers are found or run.
 */
public interface LoginTriggers {

    /** Before a session is made for the user (REST form, no secrets); may refuse the log-in by throwing. */
    void beforeLogin(Map<String, Object> user, RequestContext rc);

    /** After the log-in succeeded; a failure is logged, not answered. */
    void afterLogin(Map<String, Object> user, RequestContext rc);
}
