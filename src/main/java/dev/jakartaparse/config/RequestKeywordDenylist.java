package dev.jakartaparse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parse Server's requestKeywordDenylist: keys, values or key-value pairs refused anywhere in request
 * data. A string is a regular expression found anywhere in a key or string value (so
 * {@code "constructor"} also catches {@code "a.constructor.b"}); a number or boolean also matches an
 * equal value. Setting the option replaces Parse Server's defaults ({@link #PARSE_DEFAULTS}).
 *
 * @param entries the keywords, in the order given
 */
public record RequestKeywordDenylist(List<Keyword> entries) {

    /**
     * One keyword.
     *
     * @param key   what a key must match, or null
     * @param value what a value must match, or null
     * @param json  the keyword as configured, for the refusal's message
     */
    public record Keyword(Matcher key, Matcher value, String json) {}

    /** A string (a regular expression, as JavaScript's {@code new RegExp(x).test(s)}), a number or a boolean. */
    public record Matcher(Object expected, Pattern pattern) {

        /** Parse Server's isMatch: a string containing the pattern, or a value equal to the expected one. */
        public boolean matches(Object actual) {
            if (actual instanceof String s && pattern.matcher(s).find()) {
                return true;
            }
            if (actual instanceof Number a && expected instanceof Number e) {
                return a.doubleValue() == e.doubleValue();
            }
            return actual instanceof Boolean && actual.equals(expected);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parse Server 9.10's defaults: {@code _bsontype: "Code"}, {@code constructor}, {@code __proto__}. */
    public static final RequestKeywordDenylist PARSE_DEFAULTS = from(List.of(
            orderedMap("key", "_bsontype", "value", "Code"),
            orderedMap("key", "constructor"),
            orderedMap("key", "__proto__")));

    /** The option's value (a JSON array of {key, value} objects); ConfigurationError when malformed. */
    public static RequestKeywordDenylist from(Object option) {
        if (!(option instanceof List<?> list)) {
            throw malformed("must be an array");
        }
        List<Keyword> entries = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !m.containsKey("key") && !m.containsKey("value")) {
                throw malformed("each entry must be an object with a key, a value or both");
            }
            try {
                entries.add(new Keyword(matcher(m.get("key")), matcher(m.get("value")), JSON.writeValueAsString(m)));
            } catch (JsonProcessingException e) {
                throw malformed("an entry cannot be written as JSON");
            }
        }
        return new RequestKeywordDenylist(List.copyOf(entries));
    }

    private static Matcher matcher(Object expected) {
        if (expected == null) {
            return null;
        }
        if (!(expected instanceof String || expected instanceof Number || expected instanceof Boolean)) {
            throw malformed("keys and values must be strings, numbers or booleans");
        }
        try {
            return new Matcher(expected, Pattern.compile(patternText(expected)));
        } catch (PatternSyntaxException e) {
            throw malformed("'" + expected + "' is not a regular expression");
        }
    }

    /** The text JavaScript's RegExp makes of the value: 5, not 5.0. */
    private static String patternText(Object expected) {
        if (expected instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && !Double.isInfinite(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return String.valueOf(expected);
    }

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static ConfigurationError malformed(String why) {
        return new ConfigurationError("requestKeywordDenylist", why);
    }
}
