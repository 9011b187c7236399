/**
 * The core: what a Parse server does between the protocol and the store. Its subpackages hold the
 * one read and one write pipeline ({@code pipeline}), the access rules ({@code security}), schemas
 * ({@code schema}), users, sessions and roles ({@code auth}), in-memory query matching
 * ({@code query}), JSON, mail, and the ports it calls out through ({@code spi}). This package itself
 * holds no class. The core makes no thread of its own: mail goes out on the container's managed
 * executor (ArchitectureTest forbids threads and static state of our own, see the README's Layout).
 *
 * <p>The core may depend on {@code model}, {@code config}, the storage SPI ({@code storage}) and its
 * own packages. It never imports {@code cloud}, {@code rest}, {@code livequery}, {@code jobs},
 * {@code files}, {@code bootstrap} or a storage implementation ({@code storage.mongo},
 * {@code storage.embedded}), and sees no servlet or JAX-RS type: request facts arrive in typed
 * requests. ArchitectureTest checks all of this. What lives above the core plugs into it through
 * {@code core.spi}.
 */
package dev.jakartaparse.core;
