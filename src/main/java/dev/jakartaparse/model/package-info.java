/**
 * The vocabulary every layer shares: who is asking ({@code Auth}), one request as the pipelines see
 * it ({@code RequestContext}, with its {@code Client}), class schemas and field types, the fields of
 * Parse's system classes, Parse's error codes and {@code ParseException}, new objectIds and Parse's
 * dates, and the events the write path fires ({@code ObjectChanged}, {@code AccessChanged}).
 *
 * <p>Depends on nothing of ours and on no library, only the JDK (ArchitectureTest checks that it
 * imports no other package of ours). Every other package may use it, Cloud Code included:
 * {@code cloud} exposes these types to applications.
 */
package dev.jakartaparse.model;
