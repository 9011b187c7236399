package dev.jakartaparse.core.auth;

import dev.jakartaparse.core.schema.SchemaController;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The roles of a user: the roles whose {@code users} relation holds the user, then every role
 * whose {@code roles} relation holds one of those (a role inherits its child roles' rights), one
 * query per level of the hierarchy. Cycles end because a role is visited once.
 */
@ApplicationScoped
public class RoleResolver {
    private static final String USERS_JOIN = "_Join:users:_Role";
    private static final String ROLES_JOIN = "_Join:roles:_Role";

    StorageAdapter storage;
    SchemaController schemas;

    @Inject
    public RoleResolver(StorageAdapter storage, SchemaController schemas) {
        this.storage = storage;
        this.schemas = schemas;
    }

    /** For the CDI client proxy only (the reason the fields are not final). */
    protected RoleResolver() {}

    /** "role:Name" for each role of the user. */
    public List<String> rolesOf(String userId) {
        Set<String> visited = new LinkedHashSet<>(owners(USERS_JOIN, List.of(userId)));
        List<String> level = new ArrayList<>(visited);
        while (!level.isEmpty()) {
            List<String> parents = new ArrayList<>();
            for (String parent : owners(ROLES_JOIN, level)) {
                if (visited.add(parent)) {
                    parents.add(parent);
                }
            }
            level = parents;
        }
        return names(visited);
    }

    private List<String> owners(String joinClass, List<String> relatedIds) {
        List<Map<String, Object>> rows = storage.find(
                joinClass,
                SchemaController.joinSchema(joinClass),
                Map.of("relatedId", Map.of("$in", new ArrayList<>(relatedIds))),
                QueryOptions.all().withKeys(List.of("owningId")));
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(String.valueOf(r.get("owningId"))));
        return new ArrayList<>(ids);
    }

    private List<String> names(Set<String> roleIds) {
        if (roleIds.isEmpty()) {
            return List.of();
        }
        var schema = schemas.find("_Role");
        if (schema.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> roles = storage.find(
                "_Role",
                schema.get(),
                Map.of("objectId", Map.of("$in", new ArrayList<>(roleIds))),
                QueryOptions.all().withKeys(List.of("name")));
        List<String> names = new ArrayList<>();
        for (Map<String, Object> r : roles) {
            if (r.get("name") instanceof String n) {
                names.add("role:" + n);
            }
        }
        return names;
    }
}
