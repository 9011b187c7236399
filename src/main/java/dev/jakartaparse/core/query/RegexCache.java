package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiled {@code $regex} patterns, shared by all threads. Bounded: when full it is simply cleared,
 * which keeps it cheap and still serves the hot set (LiveQuery re-evaluates the same few patterns).
 */
final class RegexCache {
    static final int MAX_ENTRIES = 1024;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private RegexCache() {
    }

    /**
     * Compiles a MongoDB (PCRE) pattern with MongoDB options i, m, s, x. Java supports the
     * {@code \Q...\E} quoting the SDKs send. UNIX_LINES because PCRE's only newline is \n.
     */
    static Pattern compile(String regex, String options) {
        int flags = Pattern.UNIX_LINES;
        for (int i = 0; i < options.length(); i++) {
            switch (options.charAt(i)) {
                case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> flags |= Pattern.MULTILINE;
                case 's' -> flags |= Pattern.DOTALL;
                case 'x' -> flags |= Pattern.COMMENTS;
                default -> throw new ParseException(ParseError.INVALID_QUERY, "Bad $options value for query: " + options);
            }
        }
        String cacheKey = flags + "/" + regex;
        Pattern cached = CACHE.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new ParseException(ParseError.INVALID_QUERY, "Regular expression is invalid: " + e.getDescription());
        }
        if (CACHE.size() >= MAX_ENTRIES) {
            CACHE.clear();
        }
        CACHE.put(cacheKey, pattern);
        return pattern;
    }

    static int size() {
        return CACHE.size();
    }
}
