/**
 * Parse where clauses evaluated in memory, with the answers MongoDB gives once Parse Server has
 * stored the data: compiled once ({@code QueryMatcher.compile}), then tested against many objects.
 * LiveQuery matches events with it, and the MongoDB adapter evaluates geo and $text with it where
 * the embedded database cannot, with MongoDB's text score ({@code textScore}) for $score.
 *
 * <p>Depends on {@code model} only. Like all of the core it never imports cloud, rest, livequery,
 * jobs, files, bootstrap or a storage implementation (ArchitectureTest).
 *
 * <p>Deliberate differences: where Parse Server's own LiveQuery matcher and MongoDB disagree, MongoDB
 * wins, since this stands in for the database; $text uses English stop words and a Porter step-1
 * stemmer in place of MongoDB's Snowball stemmer (so a score can differ where the stems differ).
 */
package dev.jakartaparse.core.query;
