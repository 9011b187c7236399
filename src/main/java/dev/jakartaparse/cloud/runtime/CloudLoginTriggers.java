package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.LoginRequest;
import dev.jakartaparse.core.spi.LoginTriggers;
import dev.jakartaparse.model.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The account code's log-in triggers: the application's {@code @BeforeLogin} and {@code @AfterLogin} methods. */
@ApplicationScoped
public class CloudLoginTriggers implements LoginTriggers {

    @Inject
    CloudCode cloud;

    @Override
    public void beforeLogin(Map<String, Object> user, RequestContext rc) {
        cloud.runAppTrigger(
                CloudCodeExtension.Kind.BEFORE_LOGIN,
                new LoginRequest(
                        "beforeLogin",
                        user,
                        rc.auth().installationId(),
                        rc.auth().master(),
                        rc.client()));
    }

    @Override
    public void afterLogin(Map<String, Object> user, RequestContext rc) {
        cloud.runAppAfterTrigger(
                CloudCodeExtension.Kind.AFTER_LOGIN,
                new LoginRequest(
                        "afterLogin",
                        user,
                        rc.auth().installationId(),
                        rc.auth().master(),
                        rc.client()));
    }
}
