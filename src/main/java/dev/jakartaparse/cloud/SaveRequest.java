package dev.jakartaparse.cloud;

import dev.jakartaparse.model.Client;

import java.util.Map;

/**
 * What a beforeSave or afterSave trigger receives. {@code object} is the object as it will be
 * (beforeSave) or was (afterSave) saved, in REST form; a beforeSave may change it, and the changes
 * are saved and returned to the client. {@code original} is the stored object before an update
 * (null on create).
 */
public record SaveRequest(
        String triggerName,
        String className,
        Map<String, Object> object,
        Map<String, Object> original,
        String userId,
        boolean master,
        String installationId,
        Map<String, Object> context,
        Client client)
        implements CallerRequest {

    public boolean isNew() {
        return original == null;
    }
}
