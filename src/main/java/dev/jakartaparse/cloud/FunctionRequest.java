package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.Map;

/**
 * What a Cloud Code function receives: its params, who called it (user id, master key,
 * installation) and the request's context.
 */
public record FunctionRequest(
        String functionName,
        Map<String, Object> params,
        String userId,
        boolean master,
        String installationId,
        Map<String, Object> context,
        Client client)
        implements CallerRequest {}
