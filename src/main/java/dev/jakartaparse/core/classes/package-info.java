/**
 * The special classes as plug-ins of the pipelines ({@code core.spi.ClassRules}): {@code _User}
 * (sign-up and log-in with authData, hashed passwords, sessions, duplicates as 202/203), {@code
 * _Session} (owned by their user; a client's create makes its own session) and {@code _Role}
 * (names). The pipelines find them through {@code SpecialClasses} and never name a class; a new
 * special class (e.g. {@code _Installation}) is one new bean here.
 *
 * <p>May depend on {@code model}, {@code core.spi}, {@code core.auth} (the account code),
 * {@code core.schema}, {@code core.pipeline}'s value checks and the storage SPI. Like all of the core
 * it never imports cloud, rest, livequery, jobs, files, bootstrap or a storage implementation
 * (ArchitectureTest); the pipelines never import it.
 */
package dev.jakartaparse.core.classes;
