package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code $regex} operands as Java patterns. Compiled once per compiled query, never cached across
 * queries: no state shared between queries or requests (a LiveQuery subscription compiles its
 * clause once, and events reuse it).
 */
final class Regexes {

    private Regexes() {}

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
                default ->
                    throw new ParseException(ParseError.INVALID_QUERY, "Bad $options value for query: " + options);
            }
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new ParseException(ParseError.INVALID_QUERY, "Regular expression is invalid: " + e.getDescription());
        }
    }
}
