package dev.jakartaparse.core.auth;

import dev.jakartaparse.core.ParseError;
import dev.jakartaparse.core.ParseException;
import dev.jakartaparse.core.pipeline.ValueValidator;
import dev.jakartaparse.core.schema.ClassSchema;
import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a session token to its _Session object; an unknown or expired token is Parse's
 * 209 "Invalid session token".
 */
@ApplicationScoped
public class SessionTokens {

    @Inject
    SchemaController schemas;
    @Inject
    StorageAdapter storage;

    public Map<String, Object> requireSession(String token) {
        Optional<ClassSchema> schema = schemas.find("_Session");
        if (schema.isPresent()) {
            List<Map<String, Object>> found = storage.find("_Session", schema.get(), Map.of("sessionToken", token),
                    QueryOptions.limit(1));
            if (!found.isEmpty() && !expired(found.get(0))) {
                return found.get(0);
            }
        }
        throw new ParseException(ParseError.INVALID_SESSION_TOKEN, "Invalid session token");
    }

    private static boolean expired(Map<String, Object> session) {
        if (session.get("expiresAt") instanceof Map<?, ?> d && d.get("iso") instanceof String iso) {
            Instant at = ValueValidator.parseDate(iso);
            return at != null && at.isBefore(Instant.now());
        }
        return false;
    }
}
