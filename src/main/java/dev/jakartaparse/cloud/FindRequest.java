package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.List;
import java.util.Map;

/**
 * What a beforeFind or afterFind trigger receives. A beforeFind may change {@code where} (the
 * query's constraints, REST form) to narrow or widen what the caller gets; an afterFind may change
 * {@code objects} (remove, edit or add results) before they are sent. The query's own rules (ACLs,
 * class-level permissions) still apply to what beforeFind leaves.
 */
public record FindRequest(
        String triggerName,
        String className,
        Map<String, Object> where,
        List<Map<String, Object>> objects,
        boolean isGet,
        boolean count,
        String userId,
        boolean master,
        String installationId,
        Client client)
        implements CallerRequest {}
