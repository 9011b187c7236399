/**
 * The server's configuration: Parse Server's options, read once at start-up through MicroProfile
 * Config (as {@code parse.<option>}, the bare option name, or Parse Server's environment variable)
 * into typed records ({@code ParseConfig} and its groups), and the one-line
 * {@code ConfigurationError} for an option that is missing or malformed.
 *
 * <p>May depend on {@code redis} (a rate-limit rule's redisUrl is parsed into a
 * {@code RedisAddress}), MicroProfile Config, Jackson (options given as JSON) and CDI; on nothing
 * else of ours. Any package may read it except {@code model} and the storage SPI
 * (ArchitectureTest).
 *
 * <p>Differs from Parse Server: options come from MicroProfile Config sources and environment
 * variables, not a JavaScript options object or command line, and do not change while the server
 * runs.
 */
package dev.jakartaparse.config;
