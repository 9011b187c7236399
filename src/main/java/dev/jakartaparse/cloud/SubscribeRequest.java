package dev.jakartaparse.cloud;

import java.util.List;
import java.util.Map;

/**
 * What a beforeSubscribe hook receives. {@code where} and {@code keys} may be changed in place
 * (an empty {@code keys} means every field); the subscription uses them as the hook leaves them.
 */
public record SubscribeRequest(
        String className,
        Map<String, Object> where,
        List<String> keys,
        String userId,
        boolean master,
        String installationId,
        String sessionToken) {}
