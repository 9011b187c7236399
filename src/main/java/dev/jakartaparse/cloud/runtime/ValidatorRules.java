package dev.jakartaparse.cloud.runtime;

import dev.jakartaparse.cloud.CloudFunction;
import dev.jakartaparse.cloud.Validator;
import dev.jakartaparse.core.json.Json;
import dev.jakartaparse.core.pipeline.ObjectQuery;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A {@link Validator} read once at deployment (defaults and options decoded, mistakes reported)
 * and checked before each call, with Parse Server's rules and messages: every failure is 142.
 */
public final class ValidatorRules {

    /** Who calls and with what: params (a function) or the object (a trigger), changed in place for defaults. */
    public record Subject(
            boolean master,
            boolean hasUser,
            Supplier<List<String>> roles,
            Supplier<Map<String, Object>> user,
            Map<String, Object> values,
            Map<String, Object> original,
            boolean isObject) {}

    private record FieldRule(
            String key,
            String type,
            boolean required,
            Object defaultValue,
            boolean constant,
            List<Object> options,
            String error) {}

    private static final Map<Class<?>, String> TYPES = Map.of(
            String.class,
            "string",
            Number.class,
            "number",
            Boolean.class,
            "boolean",
            List.class,
            "array",
            Map.class,
            "object");

    private final boolean requireUser;
    private final boolean requireMaster;
    private final boolean validateMasterKey;
    private final boolean skipWithMasterKey;
    private final List<String> anyRoles;
    private final List<String> allRoles;
    private final List<String> userKeys;
    private final List<FieldRule> fields;

    private ValidatorRules(Validator v, boolean requireUser, boolean requireMaster) {
        this.requireUser = requireUser || v != null && v.requireUser();
        this.requireMaster = requireMaster || v != null && v.requireMaster();
        this.validateMasterKey = v != null && v.validateMasterKey();
        this.skipWithMasterKey = v != null && v.skipWithMasterKey();
        this.anyRoles = v == null ? List.of() : List.of(v.requireAnyUserRoles());
        this.allRoles = v == null ? List.of() : List.of(v.requireAllUserRoles());
        this.userKeys = v == null ? List.of() : List.of(v.requireUserKeys());
        List<FieldRule> rules = new ArrayList<>();
        if (v != null) {
            for (Validator.Field f : v.fields()) {
                rules.add(rule(f));
            }
        }
        this.fields = List.copyOf(rules);
    }

    /**
     * The rules of a Cloud Code method, or null when it has none; IllegalArgumentException names
     * what is wrong with an annotation (an unknown type, a default or option that does not decode).
     */
    public static ValidatorRules of(Validator validator, CloudFunction function) {
        boolean user = function != null && function.requireUser();
        boolean master = function != null && function.requireMaster();
        if (validator == null && !user && !master) {
            return null;
        }
        return new ValidatorRules(validator, user, master);
    }

    /** With the master key a trigger with skipWithMasterKey does not run. */
    public boolean skips(boolean master) {
        return master && skipWithMasterKey;
    }

    public void check(Subject s) {
        if (s.master() && !validateMasterKey) {
            return;
        }
        boolean hasUser = s.hasUser();
        if ((requireUser || !anyRoles.isEmpty() || !allRoles.isEmpty()) && !hasUser) {
            throw failed("Validation failed. Please login to continue.");
        }
        if (requireMaster && !s.master()) {
            throw failed("Validation failed. Master key is required to complete this request.");
        }
        for (FieldRule f : fields) {
            checkField(f, s);
        }
        if (!anyRoles.isEmpty() || !allRoles.isEmpty()) {
            List<String> roles = s.roles().get();
            if (!anyRoles.isEmpty() && anyRoles.stream().noneMatch(r -> roles.contains("role:" + r))) {
                throw failed("Validation failed. User does not match the required roles.");
            }
            if (allRoles.stream().anyMatch(r -> !roles.contains("role:" + r))) {
                throw failed("Validation failed. User does not match all the required roles.");
            }
        }
        if (!userKeys.isEmpty()) {
            if (!hasUser) {
                throw failed("Please login to make this request.");
            }
            Map<String, Object> user = s.user().get();
            for (String key : userKeys) {
                if (user == null || user.get(key) == null) {
                    throw failed("Validation failed. Please set data for " + key + " on your account.");
                }
            }
        }
    }

    private static void checkField(FieldRule f, Subject s) {
        Map<String, Object> values = s.values();
        Object value = values.get(f.key());
        if (f.defaultValue() != null && value == null) {
            value = ObjectQuery.deepCopy(f.defaultValue());
            values.put(f.key(), value);
        }
        if (f.constant() && s.isObject()) {
            if (s.original() != null) {
                revert(values, s.original(), f.key());
                value = values.get(f.key());
            } else if (f.defaultValue() != null) {
                value = ObjectQuery.deepCopy(f.defaultValue());
                values.put(f.key(), value);
            }
        }
        if (f.required() && value == null) {
            throw failed("Validation failed. Please specify data for " + f.key() + ".");
        }
        if (!f.required() && !values.containsKey(f.key())) {
            return;
        }
        if (f.type() != null && !f.type().equals(typeOf(value))) {
            throw failed("Validation failed. Invalid type for " + f.key() + ". Expected: " + f.type());
        }
        if (!f.options().isEmpty() && f.options().stream().noneMatch(o -> same(o, values.get(f.key())))) {
            throw failed(
                    f.error() != null
                            ? f.error()
                            : "Validation failed. Invalid option for " + f.key() + ". Expected: "
                                    + f.options().stream()
                                            .map(ValidatorRules::display)
                                            .collect(Collectors.joining(", ")));
        }
    }

    private static void revert(Map<String, Object> values, Map<String, Object> original, String key) {
        if (original.containsKey(key)) {
            values.put(key, ObjectQuery.deepCopy(original.get(key)));
        } else {
            values.remove(key);
        }
    }

    /** The JavaScript typeof of a JSON value, with arrays as "array" (as Parse Server reports them). */
    private static String typeOf(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof List) {
            return "array";
        }
        return "object"; // objects, and null as in JavaScript
    }

    private static boolean same(Object option, Object value) {
        if (option instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(option, value);
    }

    private static String display(Object option) {
        return option instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                ? String.valueOf(n.longValue())
                : String.valueOf(option);
    }

    private static FieldRule rule(Validator.Field f) {
        String type = null;
        if (f.type() != Object.class) {
            type = TYPES.get(f.type());
            if (type == null) {
                throw new IllegalArgumentException("field \"" + f.value() + "\" has type "
                        + f.type().getSimpleName() + "; use String, Number, Boolean, List or Map");
            }
        }
        Object defaultValue = f.defaultValue().isEmpty() ? null : decode(f, f.defaultValue(), type);
        List<Object> options = new ArrayList<>();
        for (String o : f.options()) {
            options.add(decode(f, o, type));
        }
        return new FieldRule(
                f.value(),
                type,
                f.required(),
                defaultValue,
                f.constant(),
                List.copyOf(options),
                f.error().isEmpty() ? null : f.error());
    }

    private static Object decode(Validator.Field f, String text, String type) {
        if ("string".equals(type)) {
            return text;
        }
        try {
            Object value = Json.parse(text);
            if (type != null && !type.equals(typeOf(value))) {
                throw new IllegalArgumentException("field \"" + f.value() + "\": \"" + text + "\" is not a " + type);
            }
            return value;
        } catch (ParseException e) {
            if (type == null) {
                return text; // not JSON and no type: a plain string
            }
            throw new IllegalArgumentException("field \"" + f.value() + "\": \"" + text + "\" is not valid JSON");
        }
    }

    private static ParseException failed(String message) {
        return new ParseException(ParseError.VALIDATION_ERROR, message);
    }
}
