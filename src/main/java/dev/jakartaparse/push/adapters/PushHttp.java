package dev.jakartaparse.push.adapters;

import dev.jakartaparse.push.spi.Delivery;
import dev.jakartaparse.push.spi.Device;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One adapter's HTTP side: at most {@code maxInFlight} requests out at once (shared by every thread
 * that sends through the adapter), each device's request multiplexed over the client's HTTP/2
 * connection, and the answers that ask for it (429, 5xx, a broken connection, an expired credential)
 * sent again after a back-off, at most {@code maxTries} times in all. The back-off waits in the
 * sending thread, which is the push pipeline's own: no timer thread of ours.
 */
final class PushHttp {
    static final int DEFAULT_MAX_IN_FLIGHT = 64;
    static final int DEFAULT_MAX_TRIES = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    /** What became of one request: the device's delivery, or a reason to send it again. */
    record Verdict(Delivery delivery, String retryReason) {
        static Verdict done(Delivery delivery) {
            return new Verdict(delivery, null);
        }

        static Verdict retry(String reason) {
            return new Verdict(null, reason);
        }
    }

    /** The service's answer (status 0 and the exception's text when there was none). */
    record Reply(int status, String body, String retryAfter, Throwable failure) {
        boolean throttledOrBroken() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    private final HttpClient client;
    private final Executor executor;
    private final Semaphore inFlight;
    private final int maxTries;
    private final Duration firstBackOff;

    PushHttp(HttpClient client, Executor executor, Semaphore inFlight, int maxTries, Duration firstBackOff) {
        this.client = client;
        this.executor = executor;
        this.inFlight = inFlight;
        this.maxTries = maxTries;
        this.firstBackOff = firstBackOff;
    }

    /** An HTTP/2 client (ALPN over TLS; HTTP/1.1 where the server has no HTTP/2) on the given executor. */
    static HttpClient client(Executor executor, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    static HttpRequest.Builder request(String url) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(java.net.URI.create(url)).timeout(REQUEST_TIMEOUT);
        // A plain-http endpoint (a loopback fake or proxy) gets HTTP/1.1: no h2c upgrade dance.
        return url.startsWith("http:") ? builder.version(HttpClient.Version.HTTP_1_1) : builder;
    }

    /**
     * Sends one request per device and judges each answer; a device still asking for a retry after
     * the last try fails with the last reason. Requests are built again for each try, so a renewed
     * credential is used.
     */
    List<Delivery> deliver(
            List<Device> devices, Function<Device, HttpRequest> request, BiFunction<Device, Reply, Verdict> judge) {
        List<Delivery> results = new ArrayList<>(devices.size());
        List<Device> pending = devices;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<CompletableFuture<Reply>> replies = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                try {
                    replies.add(send(request.apply(pending.get(i))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    replies.add(CompletableFuture.completedFuture(new Reply(0, null, null, e)));
                } catch (RuntimeException e) {
                    replies.add(CompletableFuture.completedFuture(new Reply(0, null, null, e)));
                }
            }
            List<Device> again = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            Duration wait = firstBackOff.multipliedBy(1L << Math.min(attempt - 1, 10));
            for (int i = 0; i < pending.size(); i++) {
                Reply reply = replies.get(i).join();
                Verdict verdict = judge.apply(pending.get(i), reply);
                if (verdict.delivery() != null) {
                    results.add(verdict.delivery());
                } else {
                    again.add(pending.get(i));
                    reasons.add(verdict.retryReason());
                    Duration asked = retryAfter(reply.retryAfter());
                    if (asked != null && asked.compareTo(wait) > 0) {
                        wait = asked;
                    }
                }
            }
            if (again.isEmpty()) {
                break;
            }
            if (attempt >= maxTries || Thread.currentThread().isInterrupted() || !pause(wait)) {
                for (int i = 0; i < again.size(); i++) {
                    results.add(Delivery.failed(again.get(i), reasons.get(i)));
                }
                break;
            }
            pending = again;
        }
        return results;
    }

    /**
     * A blocking send on one of the executor's threads. The client's sendAsync would hand every
     * completion to the common fork-join pool, which on a machine with two cores or fewer starts a
     * new thread each time; the blocking send does not hop.
     */
    private CompletableFuture<Reply> send(HttpRequest request) throws InterruptedException {
        inFlight.acquire();
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return reply(client.send(request, BodyHandlers.ofString()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return new Reply(0, null, null, e);
                        } catch (IOException | RuntimeException e) {
                            return new Reply(0, null, null, e);
                        } finally {
                            inFlight.release();
                        }
                    },
                    executor);
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("retry-after").orElse(null),
                null);
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(Math.min(wait.toMillis(), LONGEST_WAIT.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Retry-After: seconds, or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    /** A short description of a reply for a failed delivery's reason. */
    static String describe(Reply reply) {
        if (reply.failure() != null) {
            Throwable t = reply.failure();
            while (t.getCause() != null && t.getMessage() == null) {
                t = t.getCause();
            }
            return "connection failed: "
                    + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return "HTTP " + reply.status();
    }
}
