package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parse Server's validateQuery: shape of $or/$and/$nor, $regex options, key names. */
public final class QueryValidator {
    private static final Pattern KEY = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.]*$");
    private static final Pattern OPTIONS = Pattern.compile("^[imxsu]+$");
    private static final Set<String> SPECIAL_KEYS =
            Set.of("$and", "$or", "$nor", "_rperm", "_wperm", "$relatedTo", "$text");
    /**
     * Internal fields only the master keys may query (Parse Server's masterRead internal fields);
     * the password hash is never queryable.
     */
    private static final Set<String> MASTER_KEYS = Set.of(
            "_email_verify_token",
            "_perishable_token",
            "_perishable_token_expires_at",
            "_email_verify_token_expires_at",
            "_failed_login_count",
            "_account_lockout_expires_at",
            "_password_changed_at",
            "_password_history",
            "_tombstone",
            "_session_token");

    private static final int MAX_DEPTH = 64;

    private QueryValidator() {}

    public static void validate(Map<String, Object> query, boolean master) {
        validate(query, master, 0);
    }

    private static void validate(Map<String, Object> query, boolean master, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ParseException(
                    ParseError.INVALID_QUERY,
                    "Query condition nesting depth exceeds maximum allowed depth of " + MAX_DEPTH);
        }
        if (query.containsKey("ACL")) {
            throw new ParseException(ParseError.INVALID_QUERY, "Cannot query on ACL.");
        }
        logical(query, "$or", "Bad $or format - use an array value.", false, master, depth);
        logical(query, "$and", "Bad $and format - use an array value.", false, master, depth);
        logical(query, "$nor", "Bad $nor format - use an array of at least 1 value.", true, master, depth);
        for (Map.Entry<String, Object> e : query.entrySet()) {
            String key = e.getKey();
            if (e.getValue() instanceof Map<?, ?> c && c.containsKey("$regex")) {
                if (!(c.get("$regex") instanceof String)) {
                    throw new ParseException(ParseError.INVALID_QUERY, "$regex value must be a string");
                }
                Object opts = c.get("$options");
                if (opts != null && !(opts instanceof String)) {
                    throw new ParseException(ParseError.INVALID_QUERY, "$options value must be a string");
                }
                if (opts instanceof String s && !OPTIONS.matcher(s).matches()) {
                    throw new ParseException(ParseError.INVALID_QUERY, "Bad $options value for query: " + s);
                }
            }
            if (!KEY.matcher(key).matches() && !SPECIAL_KEYS.contains(key) && !(master && MASTER_KEYS.contains(key))) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid key name: " + key);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void logical(
            Map<String, Object> query, String op, String message, boolean nonEmpty, boolean master, int depth) {
        if (!query.containsKey(op) || query.get(op) == null) {
            return;
        }
        if (!(query.get(op) instanceof List<?> list) || nonEmpty && list.isEmpty()) {
            throw new ParseException(ParseError.INVALID_QUERY, message);
        }
        for (Object branch : list) {
            if (!(branch instanceof Map<?, ?> m)) {
                throw new ParseException(ParseError.INVALID_QUERY, message);
            }
            validate((Map<String, Object>) m, master, depth + 1);
        }
    }
}
