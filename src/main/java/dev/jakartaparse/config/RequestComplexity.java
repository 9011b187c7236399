package dev.jakartaparse.config;

/**
 * Parse Server's requestComplexity limits for clients (the master key is not limited); -1 turns
 * a limit off, as by default. queryDepth: nesting of $or/$and/$nor; subqueryDepth: nesting of
 * $inQuery/$notInQuery/$select/$dontSelect; includeDepth and includeCount: include paths;
 * allowRegex false refuses $regex.
 */
public record RequestComplexity(
        int queryDepth, int subqueryDepth, int includeDepth, int includeCount, boolean allowRegex) {

    public static final RequestComplexity NONE = new RequestComplexity(-1, -1, -1, -1, true);
}
