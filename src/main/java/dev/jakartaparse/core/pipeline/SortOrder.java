package dev.jakartaparse.core.pipeline;

import dev.jakartaparse.core.schema.SchemaRules;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The sort of a query from its {@code order} parameter, checked as Parse Server's DatabaseController
 * checks it: only valid field names (so no internal column such as {@code _hashed_password}: 105
 * "Invalid field name: X."), never an auth provider's id, {@code _created_at}/{@code _updated_at}
 * standing for createdAt/updatedAt. {@code $score} (either direction) is the text score, highest
 * first as MongoDB sorts it; it exists only for a {@code $text} query and is dropped otherwise.
 */
final class SortOrder {
    /** The sort key of the text score, as the storage adapters expect it. */
    static final String SCORE = "$score";

    private static final Pattern AUTH_DATA_ID = Pattern.compile("^authData\\.([a-zA-Z0-9_]+)\\.id$");

    private SortOrder() {}

    static LinkedHashMap<String, Integer> of(String className, List<String> order, Map<String, Object> where) {
        LinkedHashMap<String, Integer> sort = new LinkedHashMap<>();
        for (String key : order) {
            boolean desc = key.startsWith("-");
            String field = desc ? key.substring(1) : key;
            if (SCORE.equals(field)) {
                if (hasText(where)) {
                    sort.put(SCORE, -1);
                }
                continue;
            }
            field = switch (field) {
                case "_created_at" -> "createdAt";
                case "_updated_at" -> "updatedAt";
                default -> field;
            };
            if (AUTH_DATA_ID.matcher(field).matches()) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Cannot sort by " + field);
            }
            if (!SchemaRules.fieldNameIsValid(field.split("\\.", 2)[0], className)) {
                throw new ParseException(ParseError.INVALID_KEY_NAME, "Invalid field name: " + field + ".");
            }
            sort.put(field, desc ? -1 : 1);
        }
        return sort;
    }

    /** Whether a where clause has a {@code $text} constraint, at any depth. */
    static boolean hasText(Object where) {
        if (where instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("$text".equals(e.getKey()) || hasText(e.getValue())) {
                    return true;
                }
            }
        } else if (where instanceof List<?> l) {
            for (Object o : l) {
                if (hasText(o)) {
                    return true;
                }
            }
        }
        return false;
    }
}
