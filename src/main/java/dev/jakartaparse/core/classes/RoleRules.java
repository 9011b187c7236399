package dev.jakartaparse.core.classes;

import dev.jakartaparse.core.spi.ClassRules;
import dev.jakartaparse.model.ClassSchema;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.model.RequestContext;
import dev.jakartaparse.storage.QueryOptions;
import dev.jakartaparse.storage.StorageAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@code _Role}: a name of letters, digits, _, - and spaces, fixed once saved; any change to a role changes access. */
@ApplicationScoped
public class RoleRules implements ClassRules {
    private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z\\-_ ]+$");

    private StorageAdapter storage;

    protected RoleRules() {}

    @Inject
    public RoleRules(StorageAdapter storage) {
        this.storage = storage;
    }

    @Override
    public String className() {
        return "_Role";
    }

    @Override
    public Prepared beforeCreate(String objectId, Map<String, Object> data, RequestContext rc) {
        Object name = data.get("name");
        if (!(name instanceof String n) || n.isEmpty()) {
            throw new ParseException(ParseError.OTHER_CAUSE, "A role's name must be a String.");
        }
        if (!NAME.matcher(n).matches()) {
            throw new ParseException(
                    ParseError.INVALID_ROLE_NAME,
                    "A role's name can only contain alphanumeric characters, _, -, and spaces.");
        }
        return Prepared.NOTHING;
    }

    @Override
    public Map<String, Object> beforeUpdate(
            ClassSchema schema, String objectId, Map<String, Object> data, RequestContext rc) {
        if (data.containsKey("name")) {
            List<Map<String, Object>> current = storage.find(
                    "_Role",
                    schema,
                    Map.of("objectId", objectId),
                    QueryOptions.limit(1).withKeys(List.of("name")));
            if (!current.isEmpty() && !Objects.equals(current.get(0).get("name"), data.get("name"))) {
                throw new ParseException(
                        ParseError.INVALID_ROLE_NAME, "A role's name can only be set before it has been saved.");
            }
        }
        return Map.of();
    }

    @Override
    public boolean changesAccess(String operation) {
        return true;
    }
}
