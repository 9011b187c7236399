package dev.jakartaparse.rest.resources;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.pipeline.ValueValidator;
import dev.jakartaparse.core.system.SystemStore;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REST: GET/PUT /config, the app's global config (the SDK's Parse.Config), stored as Parse Server
 * stores it: one _GlobalConfig document with {@code params} and {@code masterKeyOnly}. Clients
 * never see the params marked masterKeyOnly.
 */
@Path("config")
public class ConfigResource {
    private static final String CLASS = "_GlobalConfig";

    @Inject
    SystemStore store;

    @Inject
    ParseConfig config;

    @Context
    HttpServletRequest ctx;

    @GET
    @SuppressWarnings("unchecked")
    public Response get() {
        ParseRequest req = ParseRequest.of(ctx);
        Optional<Map<String, Object>> found = store.globalConfig();
        Map<String, Object> out = new LinkedHashMap<>();
        if (found.isEmpty()) {
            out.put("params", new LinkedHashMap<>());
            return Responses.ok(out);
        }
        Map<String, Object> params = found.get().get("params") instanceof Map<?, ?> p
                ? new LinkedHashMap<>((Map<String, Object>) p)
                : new LinkedHashMap<>();
        Map<String, Object> masterOnly = found.get().get("masterKeyOnly") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m)
                : null;
        if (masterOnly != null && !req.auth().canReadEverything()) {
            for (String key : List.copyOf(params.keySet())) {
                if (Boolean.TRUE.equals(masterOnly.get(key))) {
                    params.remove(key);
                    masterOnly.remove(key);
                }
            }
        }
        out.put("params", params);
        if (masterOnly != null) {
            out.put("masterKeyOnly", masterOnly);
        }
        return Responses.ok(out);
    }

    @PUT
    @MasterKeyRequired
    public Response update() {
        ParseRequest req = ParseRequest.of(ctx);
        Map<String, Object> body = req.objectBody();
        Object rawParams = body.getOrDefault("params", Map.of());
        Object rawMasterOnly = body.getOrDefault("masterKeyOnly", Map.of());
        if (!(rawParams instanceof Map<?, ?> params) || !(rawMasterOnly instanceof Map<?, ?> masterOnly)) {
            throw new ParseException(ParseError.INVALID_JSON, "params and masterKeyOnly must be objects");
        }
        Map<String, Object> update = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : params.entrySet()) {
            String key = String.valueOf(e.getKey());
            update.put("params." + key, e.getValue());
            update.put("masterKeyOnly." + key, Boolean.TRUE.equals(masterOnly.get(key)));
        }
        // The update as Parse Server stores it ("params.<key>"), scanned before its keys are judged.
        ValueValidator.validateTopLevel(update, config.requestKeywordDenylist());
        for (Object k : params.keySet()) {
            String key = String.valueOf(k);
            if (key.isEmpty() || key.contains(".") || key.startsWith("$")) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid field name: " + key + ".");
            }
        }
        if (!update.isEmpty()) {
            store.updateGlobalConfig(update);
        }
        return Responses.ok(Map.of("result", true));
    }
}
