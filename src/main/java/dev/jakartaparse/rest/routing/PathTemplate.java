package dev.jakartaparse.rest.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's path in the JAX-RS template syntax the resources use: literal segments, {@code {name}}
 * for one segment, and {@code {name: .+}} as the last segment for the rest of the path. It matches
 * a path below the mount path with or without its leading slash and with at most one trailing
 * slash, as JAX-RS and Parse Server's Express routes do; a parameter never matches an empty segment.
 * Matching walks the path in place: it runs on every request.
 */
public final class PathTemplate {
    private static final String REST_OF_PATH = ".+";

    private final String template;
    /** Per segment: the literal text, or null for a parameter. */
    private final String[] literals;
    /** Per segment: the parameter's name, or null for a literal. */
    private final String[] names;

    private final boolean restOfPath;

    private PathTemplate(String template, String[] literals, String[] names, boolean restOfPath) {
        this.template = template;
        this.literals = literals;
        this.names = names;
        this.restOfPath = restOfPath;
    }

    /** Parses a template such as {@code classes/{className}/{objectId}}; the first segment must be literal. */
    public static PathTemplate of(String template) {
        if (template.isEmpty() || template.startsWith("/") || template.endsWith("/")) {
            throw new IllegalArgumentException("a template has no leading or trailing slash: " + template);
        }
        String[] segments = template.split("/", -1);
        String[] literals = new String[segments.length];
        String[] names = new String[segments.length];
        boolean restOfPath = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (!s.startsWith("{")) {
                if (s.isEmpty() || s.contains("{") || s.contains("}")) {
                    throw new IllegalArgumentException("bad segment '" + s + "' in " + template);
                }
                literals[i] = s;
                continue;
            }
            if (i == 0 || !s.endsWith("}")) {
                throw new IllegalArgumentException("bad parameter '" + s + "' in " + template);
            }
            String inside = s.substring(1, s.length() - 1);
            int colon = inside.indexOf(':');
            names[i] = (colon < 0 ? inside : inside.substring(0, colon)).trim();
            if (colon >= 0) {
                // Only the regular expression the resources use: the rest of the path, as the last segment.
                if (!REST_OF_PATH.equals(inside.substring(colon + 1).trim()) || i != segments.length - 1) {
                    throw new IllegalArgumentException("unsupported parameter '" + s + "' in " + template);
                }
                restOfPath = true;
            }
        }
        return new PathTemplate(template, literals, names, restOfPath);
    }

    /** The template as written, e.g. {@code classes/{className}}. */
    public String template() {
        return template;
    }

    public String firstSegment() {
        return literals[0];
    }

    /** The parameters' names, in order. */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n != null) {
                out.add(n);
            }
        }
        return Collections.unmodifiableList(out);
    }

    public boolean matches(String path) {
        return walk(path, null);
    }

    /** The parameters' values in the path, or null when the path does not match. */
    public Map<String, String> parameters(String path) {
        String[] values = new String[literals.length];
        if (!walk(path, values)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                out.put(names[i], values[i]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The path with each parameter replaced by its value, with a leading slash: {@code /classes/GameScore}. */
    public String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            String value = literals[i] != null ? literals[i] : values.get(names[i]);
            if (value == null) {
                throw new IllegalArgumentException("no value for " + names[i] + " in " + template);
            }
            out.append('/').append(value);
        }
        return out.toString();
    }

    /**
     * JAX-RS's precedence between templates that match the same path: more literal characters
     * first, then more parameters, then more parameters with a regular expression.
     */
    static int precedence(PathTemplate a, PathTemplate b) {
        int byLiterals = Integer.compare(b.literalCharacters(), a.literalCharacters());
        if (byLiterals != 0) {
            return byLiterals;
        }
        int byParameters =
                Integer.compare(b.parameterNames().size(), a.parameterNames().size());
        return byParameters != 0 ? byParameters : Boolean.compare(b.restOfPath, a.restOfPath);
    }

    private int literalCharacters() {
        int n = literals.length - 1; // the slashes
        for (String l : literals) {
            n += l == null ? 0 : l.length();
        }
        return n;
    }

    private boolean walk(String path, String[] values) {
        int pos = path.startsWith("/") ? 1 : 0;
        int end = path.length();
        if (end > pos && path.charAt(end - 1) == '/') {
            end--;
        }
        for (int i = 0; i < literals.length; i++) {
            if (pos > end) {
                return false; // the path ended before the template
            }
            if (restOfPath && i == literals.length - 1) {
                if (pos == end) {
                    return false;
                }
                if (values != null) {
                    values[i] = path.substring(pos, end);
                }
                return true;
            }
            int slash = path.indexOf('/', pos);
            int segmentEnd = slash < 0 ? end : Math.min(slash, end);
            String literal = literals[i];
            if (literal != null) {
                if (segmentEnd - pos != literal.length() || !path.startsWith(literal, pos)) {
                    return false;
                }
            } else {
                if (segmentEnd == pos) {
                    return false;
                }
                if (values != null) {
                    values[i] = path.substring(pos, segmentEnd);
                }
            }
            pos = segmentEnd + 1;
        }
        return pos == end + 1;
    }

    @Override
    public String toString() {
        return template;
    }
}
