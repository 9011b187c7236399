package dev.jakartaparse.rest.resources;

import dev.jakartaparse.push.PushAdapters;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** REST: /health (no keys) and /serverInfo (master key), as Parse Dashboard reads them. */
@Path("")
public class ServerResource {
    @Inject
    PushAdapters pushAdapters;

    /** The Parse Server release whose REST behaviour this server reproduces (Dashboard gates features on it). */
    static final String COMPATIBLE_PARSE_SERVER_VERSION = "9.10.0";

    @GET
    @Path("health")
    public Response health() {
        return Responses.ok(Map.of("status", "ok"));
    }

    @POST
    @Path("health")
    public Response healthPost() {
        return health();
    }

    @GET
    @Path("serverInfo")
    @MasterKeyRequired
    public Response serverInfo() {
        // Each flag says what this server serves: Parse Dashboard shows a page only when its flag is true.
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("globalConfig", crud()); // GET/PUT /config; a param is deleted with {"__op":"Delete"}
        features.put("hooks", crud()); // /hooks; PUT {"__op":"Delete"} deletes one
        features.put("cloudCode", Map.of("jobs", true));
        // GET /scriptlog's level, n or size, order, until and from
        features.put("logs", Map.of("level", true, "size", true, "order", true, "until", true, "from", true));
        // as Parse Server: push flags follow the push configuration; audiences and localization always work
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("immediatePush", pushAdapters.pushSupported());
        push.put("scheduledPush", pushAdapters.scheduledPushSupported());
        push.put("storedPushData", pushAdapters.pushSupported());
        push.put("pushAudiences", true);
        push.put("localization", true);
        features.put("push", push);
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("addField", true);
        schemas.put("removeField", true);
        schemas.put("addClass", true);
        schemas.put("removeClass", true);
        schemas.put("clearAllDataFromClass", true);
        schemas.put("exportClass", false);
        schemas.put("editClassLevelPermissions", true);
        schemas.put("editPointerPermissions", true);
        features.put("schemas", schemas);
        features.put("settings", Map.of("securityCheck", false)); // no /security report
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", features);
        out.put("parseServerVersion", COMPATIBLE_PARSE_SERVER_VERSION);
        return Responses.ok(out);
    }

    private static Map<String, Object> crud() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("create", true);
        m.put("read", true);
        m.put("update", true);
        m.put("delete", true);
        return m;
    }
}
