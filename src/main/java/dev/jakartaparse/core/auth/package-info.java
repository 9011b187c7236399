/**
 * Users, sessions and roles as Parse Server keeps them: the rules of {@code _User} (sign-up, log-in,
 * uniqueness of username and email, who may change a user, account lockout, password policy),
 * session tokens and the {@code Auth} they stand for, the role hierarchy, bcrypt password hashes,
 * account emails (verification and password reset), and the timer that deletes expired sessions
 * and request ids.
 *
 * <p>May depend on {@code model}, {@code config}, the storage SPI, {@code core.schema},
 * {@code core.security}, {@code core.mail}, {@code core.auth.providers} and {@code core.spi}, and on
 * the bcrypt library (at.favre.lib) and an EJB timer. The log-in triggers are called through the
 * {@code core.spi.LoginTriggers} port, never Cloud Code itself. Like all of the core it never imports
 * cloud, rest, livequery, jobs, files, bootstrap or a storage implementation (ArchitectureTest).
 *
 * <p>Not yet as DESIGN.md wants it: these classes call the storage SPI directly (DESIGN.md keeps
 * that to the pipelines and a system store); the write pipeline calls {@code UserAccounts} and
 * {@code SessionTokens} by name for {@code _User} and {@code _Session} (to become class rules); and
 * {@code AccountEmails} makes the default SMTP adapter itself instead of bootstrap choosing it.
 */
package dev.jakartaparse.core.auth;
