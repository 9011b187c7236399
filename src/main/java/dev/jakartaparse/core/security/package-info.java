/**
 * Who may read and write what: Parse's access rules (which classes clients may touch, class-level
 * permissions with requiresAuthentication and pointer permissions, ACLs with roles, protected
 * fields) as pure functions in {@code AccessControl}. It is also the home of the read and write
 * guards: the one check sequence every reader and writer goes through.
 *
 * <p>{@code AccessControl} depends on {@code model} only. Like all of the core this package never
 * imports cloud, rest, livequery, jobs, files, bootstrap or a storage implementation
 * (ArchitectureTest).
 */
package dev.jakartaparse.core.security;
