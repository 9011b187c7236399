package dev.jakartaparse.bootstrap;

import dev.jakartaparse.config.ConfigurationError;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.logging.Logger;

/**
 * At deployment: reads the configuration (a bad option stops the application with one line naming
 * it) and opens the storage, so the embedded database is listening before the first request.
 */
@ApplicationScoped
public class StartupCheck {
    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    void onStart(
            @Observes @Initialized(ApplicationScoped.class) Object event,
            Instance<ParseConfig> config,
            Instance<StorageAdapter> storage,
            Instance<SchemaController> schemas) {
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
        var users = schemas.get().enforceClassExists("_User");
        var roles = schemas.get().enforceClassExists("_Role");
        ensureParseIndexes(storage.get(), users, roles);
        if (cfg.idempotency() != null) {
            // Concurrent duplicates of one request id: the unique index lets exactly one through.
            tryIndex(
                    () -> storage.get()
                            .ensureUniqueness(
                                    "_Idempotency", SchemaController.emptySchema("_Idempotency"), List.of("reqId")),
                    "_Idempotency.reqId");
        }
        LOG.info("Parse Server for Jakarta EE ready: appId " + cfg.appId() + ", mount path " + cfg.mountPath()
                + (cfg.databaseURI() == null ? ", embedded database" : ", database " + redact(cfg.databaseURI())));
    }

    /** The indexes Parse Server creates at start-up: unique usernames, emails and role names. */
    private static void ensureParseIndexes(StorageAdapter storage, ClassSchema users, ClassSchema roles) {
        tryIndex(() -> storage.ensureUniqueness("_User", users, List.of("username")), "_User.username");
        tryIndex(() -> storage.ensureUniqueness("_User", users, List.of("email")), "_User.email");
        tryIndex(
                () -> storage.ensureIndex("_User", users, List.of("username"), "case_insensitive_username", true),
                "_User.username (case-insensitive)");
        tryIndex(
                () -> storage.ensureIndex("_User", users, List.of("email"), "case_insensitive_email", true),
                "_User.email (case-insensitive)");
        tryIndex(() -> storage.ensureUniqueness("_Role", roles, List.of("name")), "_Role.name");
    }

    // Like Parse Server, an existing database with duplicates still starts; the problem is logged.
    private static void tryIndex(Runnable create, String what) {
        try {
            create.run();
        } catch (RuntimeException e) {
            LOG.warning("Unable to ensure uniqueness for " + what + ": " + e.getMessage());
        }
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
