package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.LoginRequest;
import dev.jakartaparse.core.spi.LoginTriggers;
import dev.jakartaparse.model.Auth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** The account code's log-in triggers: the application's {@code @BeforeLogin} and {@code @AfterLogin} methods. */
@ApplicationScoped
public class CloudLoginTriggers implements LoginTriggers {

    @Inject
    CloudCode cloud;
    @Inject
    CurrentClient client;

    @Override
    public void beforeLogin(Map<String, Object> user, Auth auth) {
        cloud.runAppTrigger(CloudCodeExtension.Kind.BEFORE_LOGIN,
                new LoginRequest("beforeLogin", user, auth.installationId(), auth.master(), client.get()));
    }

    @Override
    public void afterLogin(Map<String, Object> user, Auth auth) {
        cloud.runAppAfterTrigger(CloudCodeExtension.Kind.AFTER_LOGIN,
                new LoginRequest("afterLogin", user, auth.installationId(), auth.master(), client.get()));
    }
}
