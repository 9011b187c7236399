/**
 * Logging in with a third party's credentials ({@code authData.<provider>}): the
 * {@code AuthProvider} SPI, the set of enabled providers, and the built-in ones (anonymous, Apple,
 * Google, Facebook), with the check of OpenID Connect ID tokens (RS256 against the provider's key
 * set) written here rather than taken from a JWT library.
 *
 * <p>May depend on {@code model}, {@code config} and {@code core.json}, and on the JDK's HTTP client
 * (key sets, Facebook's Graph API). Like all of the core it never imports cloud, rest, livequery,
 * jobs, files, bootstrap or a storage implementation (ArchitectureTest).
 *
 * <p>Differs from Parse Server: a provider of one's own is a CDI bean enabled by name under the
 * {@code auth} option, not a JavaScript module, and only these four are built in.
 */
package dev.jakartaparse.core.auth.providers;
