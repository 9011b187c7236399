package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ObjectIds;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Webhooks: Cloud Code functions and save/delete triggers implemented by an outside URL, kept in
 * {@code _Hooks} as Parse Server keeps them and managed through /hooks with the master key. A
 * webhook takes the place of a Java function or trigger of the same name. It is called with a JSON
 * POST (and {@code X-Parse-Webhook-Key} when webhookKey is set) and answers {"success": result}
 * or {"error": message}. Each server re-reads the hooks at most every five seconds, so a change
 * made on one server reaches the others.
 */
@ApplicationScoped
public class Webhooks {
    private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());
    private static final String CLASS = "_Hooks";
    private static final long REFRESH_MILLIS = 5000;
    /** The triggers a webhook may implement. */
    public static final Set<String> TRIGGERS = Set.of("beforeSave", "afterSave", "beforeDelete", "afterDelete");

    private static final Set<String> SERVER_FIELDS = Set.of("objectId", "createdAt", "updatedAt", "className");

    /** One hook: a function (functionName) or a trigger (className and triggerName), and its URL. */
    public record Hook(String functionName, String className, String triggerName, String url) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (functionName != null) {
                m.put("functionName", functionName);
            } else {
                m.put("className", className);
                m.put("triggerName", triggerName);
            }
            m.put("url", url);
            return m;
        }
    }

    private record Loaded(List<Hook> hooks, long at) {}

    @Inject
    SystemStore store;

    @Inject
    SchemaController schemas;

    @Inject
    ParseConfig config;

    @Resource
    ManagedExecutorService executor;

    private HttpClient http;
    private volatile Loaded loaded = new Loaded(List.of(), 0);

    /** The client's asynchronous work runs on the container's managed threads, not on threads of its own. */
    @PostConstruct
    void open() {
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    // ---- lookup, for CloudCode ----

    public Optional<Hook> function(String name) {
        return hooks().stream().filter(h -> name.equals(h.functionName())).findFirst();
    }

    public Optional<Hook> trigger(String triggerName, String className) {
        return hooks().stream()
                .filter(h -> triggerName.equals(h.triggerName()) && className.equals(h.className()))
                .findFirst();
    }

    private List<Hook> hooks() {
        Loaded l = loaded;
        return System.currentTimeMillis() - l.at() > REFRESH_MILLIS
                ? refresh(false).hooks()
                : l.hooks();
    }

    /** Reads the hooks again when they are stale (or always, when forced); one reader at a time. */
    private synchronized Loaded refresh(boolean force) {
        if (!force && System.currentTimeMillis() - loaded.at() <= REFRESH_MILLIS) {
            return loaded; // another thread has just read them
        }
        try {
            List<Hook> hooks = store.hooks().stream().map(Webhooks::hookOf).toList();
            loaded = new Loaded(hooks, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the webhooks; keeping the ones known", e);
            loaded = new Loaded(loaded.hooks(), System.currentTimeMillis());
        }
        return loaded;
    }

    // ---- /hooks ----

    public List<Hook> functions() {
        return refresh(true).hooks().stream()
                .filter(h -> h.functionName() != null)
                .toList();
    }

    public List<Hook> triggers() {
        return refresh(true).hooks().stream()
                .filter(h -> h.functionName() == null)
                .toList();
    }

    /** Creates a hook from a /hooks POST body; 143 when it is malformed or exists. */
    public Hook create(Map<String, Object> body) {
        Hook hook = declared(body.get("functionName"), body.get("className"), body.get("triggerName"), body.get("url"));
        refresh(true);
        if (hook.functionName() != null && function(hook.functionName()).isPresent()) {
            throw webhookError("function name: " + hook.functionName() + " already exists");
        }
        if (hook.functionName() == null
                && trigger(hook.triggerName(), hook.className()).isPresent()) {
            throw webhookError("class " + hook.className() + " already has trigger " + hook.triggerName());
        }
        Map<String, Object> stored = hook.toJson();
        stored.put("objectId", ObjectIds.newObjectId());
        store.createHook(stored);
        changed();
        return hook;
    }

    /** Points an existing hook at a new URL; 143 when there is none. */
    public Hook update(String functionName, String className, String triggerName, Object url) {
        Hook hook = declared(functionName, className, triggerName, url);
        refresh(true);
        boolean exists = functionName != null
                ? function(functionName).isPresent()
                : trigger(triggerName, className).isPresent();
        if (!exists) {
            throw webhookError(
                    functionName != null
                            ? "no function named: " + functionName + " is defined"
                            : "class " + className + " does not exist");
        }
        store.updateHooks(where(hook), Map.of("url", hook.url()));
        changed();
        return hook;
    }

    /** 101 when there is no such hook, as in Parse Server. */
    public void delete(String functionName, String className, String triggerName) {
        Hook hook = new Hook(functionName, className, triggerName, null);
        store.deleteHooks(where(hook));
        changed();
    }

    private void changed() {
        loaded = new Loaded(List.of(), 0);
    }

    private static Map<String, Object> where(Hook hook) {
        Map<String, Object> where = new LinkedHashMap<>();
        if (hook.functionName() != null) {
            where.put("functionName", hook.functionName());
        } else {
            where.put("className", hook.className());
            where.put("triggerName", hook.triggerName());
        }
        return where;
    }

    private static Hook declared(Object functionName, Object className, Object triggerName, Object url) {
        if (!(url instanceof String u) || !isHttpUrl(u)) {
            throw webhookError("invalid hook declaration");
        }
        if (functionName instanceof String f && !f.isEmpty()) {
            return new Hook(f, null, null, u);
        }
        if (className instanceof String c && !c.isEmpty() && triggerName instanceof String t && TRIGGERS.contains(t)) {
            return new Hook(null, c, t, u);
        }
        throw webhookError("invalid hook declaration");
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Hook hookOf(Map<String, Object> stored) {
        return new Hook(
                (String) stored.get("functionName"),
                (String) stored.get("className"),
                (String) stored.get("triggerName"),
                (String) stored.get("url"));
    }

    private static ParseException webhookError(String message) {
        return new ParseException(ParseError.WEBHOOK_ERROR, message);
    }

    // ---- calling ----

    /**
     * POSTs the request to the hook and returns its "success" value; its "error" becomes a
     * ParseException (141 for a message, or the code it gives), as do failures to reach it.
     */
    public Object call(Hook hook, Map<String, Object> body) {
        return answerOf(hook, body).get("success");
    }

    /** A function hook's result: no "success" in its answer is no result, as in Parse Server. */
    FunctionResult callFunction(Hook hook, Map<String, Object> body) {
        Map<String, Object> answer = answerOf(hook, body);
        return answer.containsKey("success") ? FunctionResult.of(answer.get("success")) : FunctionResult.NONE;
    }

    private Map<String, Object> answerOf(Hook hook, Map<String, Object> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (config.webhookKey() != null) {
            request.header("X-Parse-Webhook-Key", config.webhookKey());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw failed(hook, "timed out", e);
        } catch (IOException e) {
            throw failed(hook, "could not reach it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(hook, "interrupted", e);
        }
        Map<String, Object> answer = Json.parseObjectOrNull(response.body());
        if (answer == null) {
            if (response.statusCode() / 100 != 2) {
                throw failed(hook, "HTTP " + response.statusCode(), null);
            }
            throw new ParseException(ParseError.SCRIPT_FAILED, "Malformed response");
        }
        if (answer.containsKey("error")) {
            throw errorOf(answer.get("error"));
        }
        return answer;
    }

    /** A beforeSave hook's answer: the fields it sets, without those the server keeps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fieldsToSave(Object success) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (success instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!SERVER_FIELDS.contains(k)) {
                    fields.put(k, v);
                }
            });
        }
        return fields;
    }

    private static ParseException errorOf(Object error) {
        if (error instanceof Map<?, ?> m) {
            Object message = m.get("message") != null ? m.get("message") : m.get("error");
            int code = m.get("code") instanceof Number n ? n.intValue() : ParseError.SCRIPT_FAILED;
            return new ParseException(code, message == null ? "Script failed." : String.valueOf(message));
        }
        return new ParseException(ParseError.SCRIPT_FAILED, error == null ? "Script failed." : String.valueOf(error));
    }

    private static ParseException failed(Hook hook, String reason, Exception cause) {
        LOG.log(Level.WARNING, "Webhook " + hook.url() + ": " + reason, cause);
        return new ParseException(ParseError.SCRIPT_FAILED, "Webhook call failed: " + reason);
    }
}
