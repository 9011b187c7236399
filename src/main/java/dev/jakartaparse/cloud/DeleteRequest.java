package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.Map;

/** What a beforeDelete or afterDelete trigger receives: the object being (or just) deleted. */
public record DeleteRequest(
        String triggerName,
        String className,
        Map<String, Object> object,
        String userId,
        boolean master,
        String installationId,
        Map<String, Object> context,
        Client client)
        implements CallerRequest {}
