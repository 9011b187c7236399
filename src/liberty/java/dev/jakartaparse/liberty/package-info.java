/**
 * An Open Liberty user feature (usr:parseUriGuard-1.0), not part of the WAR: it answers in Parse's
 * error shape the request paths the web container refuses before the application runs. Built by the
 * pom into the runtime's usr/extension; other servers (Payara) do not need it.
 *
 * <p>Depends only on the OSGi framework and Liberty's HTTP transport SPI (com.ibm.wsspi.http).
 */
package dev.jakartaparse.liberty;
