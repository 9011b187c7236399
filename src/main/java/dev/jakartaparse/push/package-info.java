/**
 * Push notifications sent by the server: {@code POST /push} checked and recorded in
 * {@code _PushStatus} as Parse Server records it ({@link dev.jakartaparse.push.PushService}), each
 * push sent by streaming the matching installations from the store in pages, grouped by identical
 * payload (locale, badge) and handed to the adapter of their deviceType
 * ({@link dev.jakartaparse.push.PushRun}), and scheduled pushes sent by an EJB timer at their time
 * ({@link dev.jakartaparse.push.ScheduledPushes}).
 *
 * <p>Where it differs from Parse Server, deliberately: Parse only stores a push with a
 * {@code push_time} and leaves sending it to an outside scheduler; here the server sends it, once
 * across several servers (the due push is claimed by a conditional update of its status), and a
 * push whose {@code push_time} has no time zone reaches each installation at that time in the
 * installation's own timeZone. Parse loads the audience in pages of 100 but publishes all pages at
 * once; here one page at a time is read after the last objectId done, which is recorded in the
 * internal class {@code _PushProgress} (so {@code _PushStatus} keeps Parse's exact fields) before
 * the page is handed to the adapters: a push interrupted by a crash is resumed by the timer after
 * its lease lapses and never reaches an installation twice. Bad input Parse only discovers after it
 * answered (a malformed {@code where}, a {@code push_time} in the past, an expiration before the
 * push time, an oversized payload, an unsupported deviceType) is refused with 115 or the query's
 * own error before anything is stored.
 *
 * <p>May depend on {@code model}, {@code config}, {@code push.spi}, {@code core.pipeline},
 * {@code core.security}, {@code core.system} and {@code core.json}; never on {@code rest}, Cloud
 * Code, or the storage SPI.
 */
package dev.jakartaparse.push;
