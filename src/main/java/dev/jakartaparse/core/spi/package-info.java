/**
 * The ports the core calls out through, implemented elsewhere (the Cloud Code runtime, class
 * rules): the interceptor binding the pipelines' entry points carry, the log-in triggers.
 *
 * <p>May depend on {@code model} only. Implementations live above the core and are found by CDI.
 */
package dev.jakartaparse.core.spi;
