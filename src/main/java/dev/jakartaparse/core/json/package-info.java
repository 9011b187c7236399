/**
 * The server's one JSON parser and writer: plain Java values in and out (maps keep their order),
 * and Parse's 107 "Invalid JSON" for input that does not parse.
 *
 * <p>May depend on {@code model} (for the error) and Jackson only. Like all of the core it never
 * imports cloud, rest, livequery, jobs, files, bootstrap or a storage implementation
 * (ArchitectureTest).
 */
package dev.jakartaparse.core.json;
