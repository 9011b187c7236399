package dev.jakartaparse.cloud;

import dev.jakartaparse.core.Auth;
import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Cloud Code registry: runs functions and triggers found by {@link CloudCodeExtension}. A
 * ParseException thrown by Cloud Code reaches the client as it is; any other exception becomes
 * 141 with its message, as in Parse Server.
 */
@ApplicationScoped
public class CloudCode {
    private static final Logger LOG = Logger.getLogger(CloudCode.class.getName());
    /** The servlet request attribute holding the request's cloud context (set by the request filter). */
    public static final String CONTEXT_ATTRIBUTE = "dev.jakartaparse.cloudContext";

    @Inject
    CloudCodeExtension extension;
    @Inject
    BeanManager beans;

    private final Map<CloudCodeExtension.Kind, Map<String, CloudCodeExtension.Entry>> byKind =
            new EnumMap<>(CloudCodeExtension.Kind.class);

    @PostConstruct
    void index() {
        for (CloudCodeExtension.Kind k : CloudCodeExtension.Kind.values()) {
            byKind.put(k, new HashMap<>());
        }
        extension.entries().forEach(e -> byKind.get(e.kind()).put(e.name(), e));
    }

    public boolean has(CloudCodeExtension.Kind kind, String name) {
        return byKind.get(kind).containsKey(name);
    }

    /** POST /functions/name: the function's result; 141 for an unknown function. */
    public Object runFunction(String name, Map<String, Object> params, Auth auth, Map<String, Object> context) {
        CloudCodeExtension.Entry e = byKind.get(CloudCodeExtension.Kind.FUNCTION).get(name);
        if (e == null) {
            throw new ParseException(ParseError.SCRIPT_FAILED, "Invalid function: \"" + name + "\"");
        }
        if (!auth.master()) {
            if (e.function().requireUser() && !auth.hasUser()) {
                throw new ParseException(ParseError.VALIDATION_ERROR, "Validation failed. Please login to continue.");
            }
            if (e.function().requireMaster()) {
                throw new ParseException(ParseError.VALIDATION_ERROR,
                        "Validation failed. Master key is required to complete this request.");
            }
        }
        return invoke(e, new FunctionRequest(name, params, auth.userId(), auth.master(), auth.installationId(),
                context == null ? Map.of() : context));
    }

    /** The names of the deployed jobs, in no particular order. */
    public Set<String> jobNames() {
        return Set.copyOf(byKind.get(CloudCodeExtension.Kind.JOB).keySet());
    }

    /**
     * Runs a job on the calling thread and returns what it returned. Whatever it throws reaches the
     * caller as a ParseException whose message is the job's failure message.
     */
    public Object runJob(JobRequest request) {
        CloudCodeExtension.Entry e = byKind.get(CloudCodeExtension.Kind.JOB).get(request.jobName());
        if (e == null) {
            throw new ParseException(ParseError.SCRIPT_FAILED, "Invalid job.");
        }
        return invoke(e, request);
    }

    /** Runs the trigger of this kind for the class, if there is one; before-triggers may throw to refuse. */
    public void runTrigger(CloudCodeExtension.Kind kind, String className, Object request) {
        CloudCodeExtension.Entry e = byKind.get(kind).get(className);
        if (e != null) {
            invoke(e, request);
        }
    }

    /** An application-wide trigger (beforeLogin, afterLogin, afterLogout), if there is one. */
    public void runAppTrigger(CloudCodeExtension.Kind kind, Object request) {
        runTrigger(kind, kind.label(), request);
    }

    public void runAppAfterTrigger(CloudCodeExtension.Kind kind, Object request) {
        runAfterTrigger(kind, kind.label(), request);
    }

    /** After-triggers: their failures are logged, the write they follow has happened. */
    public void runAfterTrigger(CloudCodeExtension.Kind kind, String className, Object request) {
        try {
            runTrigger(kind, className, request);
        } catch (ParseException e) {
            LOG.log(Level.WARNING, kind.label() + " of " + className + " failed: " + e.getMessage());
        }
    }

    private Object invoke(CloudCodeExtension.Entry e, Object request) {
        Bean<?> bean = e.bean();
        Object instance = beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
        try {
            return e.method().invoke(instance, request);
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof ParseException pe) {
                throw pe;
            }
            String message = cause == null || cause.getMessage() == null ? "Script failed." : cause.getMessage();
            LOG.log(Level.INFO, "Cloud Code " + e.kind().label() + " \"" + e.name() + "\" failed", cause);
            throw new ParseException(ParseError.SCRIPT_FAILED, message);
        } catch (IllegalAccessException ex) {
            throw new ParseException(ParseError.SCRIPT_FAILED, "Script failed.");
        }
    }
}
