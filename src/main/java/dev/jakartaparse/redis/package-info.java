/**
 * A small Redis client of our own: a connection speaking RESP2, a request-reply client that
 * reconnects after Redis restarts, and the {@code redis://} address they connect to. LiveQuery's bus
 * between servers and the shared rate-limit counters use it.
 *
 * <p>Depends on nothing of ours and on no library: plain JDK sockets.
 *
 * <p>Unlike the client Parse Server uses, it speaks plain {@code redis://} only (no TLS, Cluster or
 * Sentinel).
 */
package dev.jakartaparse.redis;
