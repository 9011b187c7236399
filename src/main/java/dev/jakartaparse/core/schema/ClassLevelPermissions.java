package dev.jakartaparse.core.schema;

import dev.jakartaparse.model.DefaultSchemas;
import dev.jakartaparse.model.FieldType;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates class-level permissions set through /schemas, with Parse Server's messages (code 107).
 * Enforcement of CLPs on reads and writes lives with the security pipeline.
 */
public final class ClassLevelPermissions {
    private static final Set<String> OPERATIONS =
            Set.of("find", "count", "get", "create", "update", "delete", "addField");
    private static final Set<String> USER_FIELD_LISTS = Set.of("readUserFields", "writeUserFields");
    private static final Pattern ROLE = Pattern.compile("^role:.*");
    private static final Pattern USER_FIELD = Pattern.compile("^userField:.*");
    private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9]+$");

    private ClassLevelPermissions() {}

    public static void validate(Map<String, Object> clp, Map<String, FieldType> fields) {
        if (clp == null) {
            return;
        }
        for (Map.Entry<String, Object> e : clp.entrySet()) {
            String op = e.getKey();
            Object value = e.getValue();
            if ("ACL".equals(op)) {
                continue; // the class's default ACL for new objects: {entity: {read, write}}
            }
            if ("protectedFields".equals(op)) {
                validateProtectedFields(value, fields);
            } else if (USER_FIELD_LISTS.contains(op)) {
                if (!(value instanceof List<?> list)) {
                    throw invalid("'" + value + "' is not a valid value for class level permissions " + op
                            + " - must be an array");
                }
                for (Object f : list) {
                    requirePointerColumn(String.valueOf(f), fields, op);
                }
            } else if (OPERATIONS.contains(op)) {
                validateOperation(op, value, fields);
            } else {
                throw invalid(op + " is not a valid operation for class level permissions");
            }
        }
    }

    private static void validateOperation(String op, Object value, Map<String, FieldType> fields) {
        if (!(value instanceof Map<?, ?> perms)) {
            throw invalid(
                    "'" + value + "' is not a valid value for class level permissions " + op + " - must be an object");
        }
        for (Map.Entry<?, ?> p : perms.entrySet()) {
            String entity = String.valueOf(p.getKey());
            Object permit = p.getValue();
            if ("pointerFields".equals(entity)) {
                if (!(permit instanceof List<?> list)) {
                    throw invalid("'" + permit + "' is not a valid value for " + op + "[" + entity
                            + "] - expected an array.");
                }
                for (Object f : list) {
                    requirePointerColumn(String.valueOf(f), fields, op);
                }
                continue;
            }
            validateEntity(entity);
            if ("requiresAuthentication".equals(entity) || !Boolean.TRUE.equals(permit)) {
                if (!(permit instanceof Boolean)) {
                    throw invalid("'" + permit + "' is not a valid value for class level permissions acl " + op + ":"
                            + entity);
                }
            }
        }
    }

    private static void validateProtectedFields(Object value, Map<String, FieldType> fields) {
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid("'" + value + "' is not a valid value for class level permissions protectedFields"
                    + " - must be an object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String entity = String.valueOf(e.getKey());
            if (!USER_FIELD.matcher(entity).matches()) {
                validateEntity(entity);
            }
            if (!(e.getValue() instanceof List<?> list)) {
                throw invalid("'" + e.getValue() + "' is not a valid value for protectedFields[" + entity
                        + "] - expected an array.");
            }
            for (Object f : list) {
                String field = String.valueOf(f);
                if (DefaultSchemas.DEFAULT_FIELD_NAMES.contains(field)) {
                    throw invalid("Default field '" + field + "' can not be protected");
                }
                if (!fields.containsKey(field)) {
                    throw invalid("Field '" + field + "' in protectedFields:" + entity + " does not exist");
                }
            }
        }
    }

    private static void validateEntity(String entity) {
        if ("*".equals(entity)
                || "requiresAuthentication".equals(entity)
                || ROLE.matcher(entity).matches()
                || USER_ID.matcher(entity).matches()) {
            return;
        }
        throw invalid("'" + entity + "' is not a valid key for class level permissions");
    }

    private static void requirePointerColumn(String fieldName, Map<String, FieldType> fields, String op) {
        FieldType t = fields.get(fieldName);
        boolean userPointer =
                t != null && (t.isPointer() && "_User".equals(t.targetClass()) || "Array".equals(t.type()));
        if (!userPointer) {
            throw invalid("'" + fieldName + "' is not a valid column for class level pointer permissions " + op);
        }
    }

    private static ParseException invalid(String message) {
        return new ParseException(ParseError.INVALID_JSON, message);
    }
}
