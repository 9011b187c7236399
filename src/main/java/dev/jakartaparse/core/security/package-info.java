/**
 * The one security gate. {@code ReadGuard} owns the check sequence of every read (REST, batch,
 * include and subqueries, Cloud Code's ServerApi, LiveQuery subscriptions and each LiveQuery
 * event): the keys' reach, the class's owner rule, class-level permissions with
 * requiresAuthentication and pointer permissions, protected fields, and ACLs with roles, in a
 * query-level form (the where clause the store runs) and an in-memory form (one object), which
 * one table of cases proves to agree. {@code WriteGuard} owns the sequence of every write: the
 * keys' reach, class-level permissions (addField included), and the where clause that lets the
 * store change only an object the caller may write. {@code AccessControl} holds Parse's rules as
 * pure functions the guards compose.
 *
 * <p>May depend on {@code model}, {@code config} (the protectedFields option), {@code core.spi}
 * (class rules: owner fields, what a class never shows) and {@code core.schema}'s pure rules. No
 * other package re-implements these checks: the pipelines and LiveQuery call the guards. Like all of
 * the core it never imports cloud, rest, livequery, jobs, files, bootstrap or a storage
 * implementation (ArchitectureTest).
 */
package dev.jakartaparse.core.security;
