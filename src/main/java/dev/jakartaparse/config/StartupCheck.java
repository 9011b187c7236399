package dev.jakartaparse.config;

import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.logging.Logger;

/**
 * At deployment: reads the configuration (a bad option stops the application with one line naming
 * it) and opens the storage, so the embedded database is listening before the first request.
 */
@ApplicationScoped
public class StartupCheck {
    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, Instance<ParseConfig> config,
                 Instance<StorageAdapter> storage, Instance<dev.jakartaparse.core.schema.SchemaController> schemas) {
        ParseConfig cfg;
        try {
            cfg = config.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationError ce) {
                    LOG.severe(ce.getMessage());
                    throw ce;
                }
            }
            throw e;
        }
        storage.get().getAllClasses();
        // Like Parse Server's start-up: the user and role classes always exist.
        schemas.get().enforceClassExists("_User");
        schemas.get().enforceClassExists("_Role");
        LOG.info("Parse Server for Jakarta EE ready: appId " + cfg.appId() + ", mount path " + cfg.mountPath()
                + (cfg.databaseURI() == null ? ", embedded database" : ", database " + redact(cfg.databaseURI())));
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
