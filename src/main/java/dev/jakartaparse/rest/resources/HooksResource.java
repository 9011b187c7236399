package dev.jakartaparse.rest.resources;

import dev.jakartaparse.cloud.runtime.Webhooks;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REST: /hooks/functions and /hooks/triggers, master key only: list, read, create, repoint
 * (PUT {"url"}) and delete (PUT {"__op":"Delete"}) webhooks, with Parse Server's answers and its
 * 143 errors.
 */
@Path("hooks")
@MasterKeyRequired
public class HooksResource {

    @Inject
    Webhooks webhooks;

    @Context
    HttpServletRequest ctx;

    @GET
    @Path("functions")
    public Response functions() {
        return Responses.ok(json(webhooks.functions()));
    }

    @GET
    @Path("functions/{functionName}")
    public Response function(@PathParam("functionName") String functionName) {
        return Responses.ok(webhooks.functions().stream()
                .filter(h -> functionName.equals(h.functionName()))
                .findFirst()
                .orElseThrow(() -> new ParseException(
                        ParseError.WEBHOOK_ERROR, "no function named: " + functionName + " is defined"))
                .toJson());
    }

    @GET
    @Path("triggers")
    public Response triggers() {
        return Responses.ok(json(webhooks.triggers()));
    }

    @GET
    @Path("triggers/{className}/{triggerName}")
    public Response trigger(@PathParam("className") String className, @PathParam("triggerName") String triggerName) {
        return Responses.ok(webhooks.triggers().stream()
                .filter(h -> className.equals(h.className()) && triggerName.equals(h.triggerName()))
                .findFirst()
                .orElseThrow(
                        () -> new ParseException(ParseError.WEBHOOK_ERROR, "class " + className + " does not exist"))
                .toJson());
    }

    @POST
    @Path("functions")
    public Response createFunction() {
        return create();
    }

    @POST
    @Path("triggers")
    public Response createTrigger() {
        return create();
    }

    @PUT
    @Path("functions/{functionName}")
    public Response changeFunction(@PathParam("functionName") String functionName) {
        return change(functionName, null, null);
    }

    @PUT
    @Path("triggers/{className}/{triggerName}")
    public Response changeTrigger(
            @PathParam("className") String className, @PathParam("triggerName") String triggerName) {
        return change(null, className, triggerName);
    }

    private Response create() {
        return Responses.ok(webhooks.create(body()).toJson());
    }

    private Response change(String functionName, String className, String triggerName) {
        Map<String, Object> body = body();
        if ("Delete".equals(body.get("__op"))) {
            webhooks.delete(functionName, className, triggerName);
            return Responses.ok(new LinkedHashMap<>());
        }
        return Responses.ok(webhooks.update(functionName, className, triggerName, body.get("url"))
                .toJson());
    }

    private Map<String, Object> body() {
        return ParseRequest.of(ctx).objectBody();
    }

    private static List<Map<String, Object>> json(List<Webhooks.Hook> hooks) {
        return hooks.stream().map(Webhooks.Hook::toJson).toList();
    }
}
