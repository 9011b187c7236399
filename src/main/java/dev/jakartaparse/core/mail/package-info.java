/**
 * Sending email: the {@code EmailAdapter} SPI (one plain-text message) and its default, SMTP through
 * Jakarta Mail, which sends on a background thread so that a slow or absent mail server never
 * delays or fails a request.
 *
 * <p>May depend on {@code config} (the emailAdapter option), {@code core} (to name its thread) and
 * Jakarta Mail. Like all of the core it never imports cloud, rest, livequery, jobs, files, bootstrap
 * or a storage implementation (ArchitectureTest).
 *
 * <p>Differs from Parse Server, which has no email adapter of its own (it needs a module): SMTP is
 * built in here, and an application replaces it with a CDI bean implementing {@code EmailAdapter}.
 */
package dev.jakartaparse.core.mail;
