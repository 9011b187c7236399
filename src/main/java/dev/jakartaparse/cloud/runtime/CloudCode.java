package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.CallerRequest;
import dev.jakartaparse.cloud.ConnectRequest;
import dev.jakartaparse.cloud.DeleteRequest;
import dev.jakartaparse.cloud.FunctionRequest;
import dev.jakartaparse.cloud.JobRequest;
import dev.jakartaparse.cloud.LoginRequest;
import dev.jakartaparse.cloud.SaveRequest;
import dev.jakartaparse.cloud.SubscribeRequest;
import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.RoleResolver;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.FindOptions;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.model.Auth;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.lang.reflect.InvocationTargetException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Cloud Code registry: runs functions and triggers found by {@link CloudCodeExtension} (or the
 * webhooks that replace them), after their validators. A ParseException thrown by Cloud Code
 * reaches the client as it is; any other exception becomes 141 with its message, as in Parse
 * Server. Functions and triggers run on managed threads within cloudCodeTimeout: past it the
 * caller gets 124 "Execution timed out" and nothing is written.
 */
@ApplicationScoped
public class CloudCode {
    private static final Logger LOG = Logger.getLogger(CloudCode.class.getName());
    /** The servlet request attribute holding the request's cloud context (set by the request filter). */
    @Inject
    CloudCodeExtension extension;

    @Inject
    BeanManager beans;

    @Inject
    RoleResolver roles;

    @Inject
    Webhooks webhooks;

    @Inject
    ScriptLog log;

    @Inject
    ParseConfig config;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Instance<ObjectQuery> query;

    private final Map<CloudCodeExtension.Kind, Map<String, CloudCodeExtension.Entry>> byKind =
            new EnumMap<>(CloudCodeExtension.Kind.class);

    @PostConstruct
    void index() {
        for (CloudCodeExtension.Kind k : CloudCodeExtension.Kind.values()) {
            byKind.put(k, new HashMap<>());
        }
        extension.entries().forEach(e -> byKind.get(e.kind()).put(e.name(), e));
    }

    /** Whether a Java method or a webhook implements this function or trigger. */
    public boolean has(CloudCodeExtension.Kind kind, String name) {
        return byKind.get(kind).containsKey(name) || webhookFor(kind, name).isPresent();
    }

    /**
     * POST /functions/name: the function's result; 141 for an unknown function. A webhook of
     * that name takes the place of a Java function.
     */
    public FunctionResult runFunction(String name, Map<String, Object> params, RequestContext rc) {
        Auth auth = rc.auth();
        Map<String, Object> values = params == null ? new LinkedHashMap<>() : params;
        Optional<Webhooks.Hook> hook = webhooks.function(name);
        CloudCodeExtension.Entry e =
                byKind.get(CloudCodeExtension.Kind.FUNCTION).get(name);
        if (hook.isEmpty() && e == null) {
            throw new ParseException(ParseError.SCRIPT_FAILED, "Invalid function: \"" + name + "\"");
        }
        Map<String, Object> input = ObjectQuery.deepCopy(values);
        try {
            FunctionResult result = hook.isPresent()
                    ? callFunctionHook(hook.get(), name, values, auth, rc.cloudContext())
                    : runJavaFunction(e, name, values, rc);
            log.functionRan(name, auth.userId(), input, result);
            return result;
        } catch (ParseException ex) {
            log.functionFailed(name, auth.userId(), input, ex);
            throw ex;
        }
    }

    private FunctionResult callFunctionHook(
            Webhooks.Hook hook, String name, Map<String, Object> values, Auth auth, Map<String, Object> context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("params", values);
        body.put("master", auth.master());
        body.put("isReadOnly", auth.readOnly());
        putCaller(body, auth.userId(), auth.installationId());
        body.put("functionName", name);
        body.put("context", context == null ? Map.of() : context);
        return webhooks.callFunction(hook, body);
    }

    private FunctionResult runJavaFunction(
            CloudCodeExtension.Entry e, String name, Map<String, Object> values, RequestContext rc) {
        Auth auth = rc.auth();
        if (e.rules() != null) {
            e.rules()
                    .check(new ValidatorRules.Subject(
                            auth.master(),
                            auth.hasUser(),
                            auth::roles,
                            () -> userObject(auth.userId()),
                            values,
                            null,
                            false));
        }
        Object result = invoke(
                e,
                new FunctionRequest(
                        name,
                        values,
                        auth.userId(),
                        auth.master(),
                        auth.installationId(),
                        rc.cloudContext(),
                        rc.client()));
        FunctionResult answer = FunctionResult.ofReturned(e.method().getReturnType(), result);
        return answer.present() ? FunctionResult.of(asJson(name, answer.value())) : answer;
    }

    /** A function's result as the JSON the client gets; 141 when it cannot be written as JSON. */
    private static Object asJson(String name, Object result) {
        try {
            return result == null ? null : Json.parse(Json.writeString(result));
        } catch (RuntimeException ex) {
            LOG.log(Level.INFO, "Cloud Code function \"" + name + "\" returned what cannot be JSON", ex);
            throw new ParseException(
                    ParseError.SCRIPT_FAILED,
                    "Invalid function result: " + result.getClass().getSimpleName() + " cannot be sent as JSON");
        }
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

    /**
     * Runs the trigger of this kind for the class, if there is one, after its validator;
     * before-triggers may throw to refuse.
     */
    public void runTrigger(CloudCodeExtension.Kind kind, String className, Object request) {
        Optional<Webhooks.Hook> hook = webhookFor(kind, className);
        CloudCodeExtension.Entry e = byKind.get(kind).get(className);
        if (hook.isEmpty() && e == null) {
            return;
        }
        Object input = logInput(request);
        try {
            if (hook.isPresent()) {
                callTriggerHook(hook.get(), kind, className, request);
            } else {
                runJavaTrigger(e, request);
            }
            if (input != null) {
                log.triggerRan(
                        kind.label(),
                        className,
                        userIdOf(request),
                        input,
                        logInput(request),
                        kind.label().startsWith("before"));
            }
        } catch (ParseException ex) {
            if (input != null) {
                log.triggerFailed(kind.label(), className, userIdOf(request), input, ex);
            }
            throw ex;
        }
    }

    private void runJavaTrigger(CloudCodeExtension.Entry e, Object request) {
        if (e.rules() != null) {
            ValidatorRules.Subject subject = subjectOf(request);
            if (e.rules().skips(subject.master())) {
                return;
            }
            e.rules().check(subject);
        }
        invoke(e, request);
    }

    /** What the script log shows of a save, delete or login trigger's request; null for the others. */
    private static Object logInput(Object request) {
        if (request instanceof SaveRequest r) {
            return ObjectQuery.deepCopy(r.object());
        }
        if (request instanceof DeleteRequest r) {
            return ObjectQuery.deepCopy(r.object());
        }
        if (request instanceof LoginRequest r) {
            return ObjectQuery.deepCopy(r.user());
        }
        return null;
    }

    private static String userIdOf(Object request) {
        if (request instanceof CallerRequest r) {
            return r.userId();
        }
        return request instanceof LoginRequest r && r.user() != null
                ? (String) r.user().get("objectId")
                : null;
    }

    private Optional<Webhooks.Hook> webhookFor(CloudCodeExtension.Kind kind, String className) {
        return Webhooks.TRIGGERS.contains(kind.label()) ? webhooks.trigger(kind.label(), className) : Optional.empty();
    }

    /** A save or delete trigger implemented by a webhook; a beforeSave's answer sets fields of the object. */
    private void callTriggerHook(Webhooks.Hook hook, CloudCodeExtension.Kind kind, String className, Object request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("triggerName", kind.label());
        if (request instanceof SaveRequest r) {
            body.put("object", withClassName(r.object(), className));
            if (r.original() != null) {
                body.put("original", withClassName(r.original(), className));
            }
            body.put("master", r.master());
            putCaller(body, r.userId(), r.installationId());
            body.put("context", r.context());
            Object success = webhooks.call(hook, body);
            if (kind == CloudCodeExtension.Kind.BEFORE_SAVE) {
                r.object().putAll(Webhooks.fieldsToSave(success));
            }
        } else if (request instanceof DeleteRequest r) {
            body.put("object", withClassName(r.object(), className));
            body.put("master", r.master());
            putCaller(body, r.userId(), r.installationId());
            body.put("context", r.context());
            webhooks.call(hook, body);
        }
    }

    private static Map<String, Object> withClassName(Map<String, Object> object, String className) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put("className", className);
        return copy;
    }

    /** The calling user (as the master key reads it, without secrets) and installation, for a webhook. */
    private void putCaller(Map<String, Object> body, String userId, String installationId) {
        Map<String, Object> user = userObject(userId);
        if (user != null) {
            body.put("user", user);
        }
        if (installationId != null) {
            body.put("installationId", installationId);
        }
    }

    /** The functions and triggers whose validator declares a rateLimit, for the request filter. */
    public List<CloudCodeExtension.Entry> rateLimited() {
        return extension.entries().stream().filter(e -> e.rateLimit() != null).toList();
    }

    /** What a trigger's validator checks: the caller, and the object it may complete with defaults. */
    private ValidatorRules.Subject subjectOf(Object request) {
        if (request instanceof SaveRequest r) {
            // A sign-up has no user yet: the new user stands in for it, as in Parse Server.
            boolean signUp = "_User".equals(r.className()) && r.original() == null && r.userId() == null;
            Supplier<Map<String, Object>> user = signUp ? r::object : () -> userObject(r.userId());
            return new ValidatorRules.Subject(
                    r.master(),
                    signUp || r.userId() != null,
                    () -> rolesOf(r.userId()),
                    user,
                    r.object(),
                    r.original(),
                    true);
        }
        if (request instanceof DeleteRequest r) {
            return new ValidatorRules.Subject(
                    r.master(),
                    r.userId() != null,
                    () -> rolesOf(r.userId()),
                    () -> userObject(r.userId()),
                    new LinkedHashMap<>(r.object()),
                    null,
                    true);
        }
        String userId = null;
        boolean master = false;
        if (request instanceof CallerRequest r) {
            userId = r.userId();
            master = r.master();
        } else if (request instanceof LoginRequest r) {
            master = r.master();
        } else if (request instanceof ConnectRequest r) {
            userId = r.userId();
            master = r.master();
        } else if (request instanceof SubscribeRequest r) {
            userId = r.userId();
            master = r.master();
        }
        String caller = userId;
        return new ValidatorRules.Subject(
                master,
                caller != null,
                () -> rolesOf(caller),
                () -> userObject(caller),
                new LinkedHashMap<>(),
                null,
                false);
    }

    private List<String> rolesOf(String userId) {
        return userId == null ? List.of() : roles.rolesOf(userId);
    }

    /**
     * A user's _User object as the master key reads it (no secrets, no triggers): what Cloud Code
     * requests give as {@code user()}, and what requireUserKeys checks. Null when there is none.
     */
    public Map<String, Object> userObject(String userId) {
        if (userId == null) {
            return null;
        }
        try {
            return query.get()
                    .getWithoutTriggers("_User", userId, FindOptions.forGet(Map.of()), RequestContext.master());
        } catch (ParseException e) {
            return null;
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

    /** Runs a function or trigger within cloudCodeTimeout; jobs have no time limit. */
    private Object invoke(CloudCodeExtension.Entry e, Object request) {
        long limit = e.kind() == CloudCodeExtension.Kind.JOB ? 0 : config.cloudCodeTimeoutMillis();
        Bean<?> bean = e.bean();
        Object instance = beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
        try {
            if (limit <= 0) {
                return e.method().invoke(instance, request);
            }
            Future<Object> run = executor.submit(() -> e.method().invoke(instance, request));
            try {
                return run.get(limit, TimeUnit.MILLISECONDS);
            } catch (TimeoutException ex) {
                run.cancel(true); // interrupts it; code that ignores interrupts runs on, but nobody waits for it
                LOG.warning("Cloud Code " + e.kind().label() + " \"" + e.name() + "\" ran past " + limit + " ms");
                throw new ParseException(ParseError.TIMEOUT, "Execution timed out");
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof InvocationTargetException ite) {
                    throw ite;
                }
                throw new ParseException(ParseError.SCRIPT_FAILED, "Script failed.");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ParseException(ParseError.SCRIPT_FAILED, "Script failed.");
            }
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
