// The LiveQuery benchmark's subscribers as one native process: livequery-bench.js starts it (CLIENT=c)
// in place of its node worker thread and talks to it in lines on stdin/stdout. It holds N WebSocket
// connections, each with one LiveQuery subscription, and records when each subscriber's "create"
// event arrives. Written so that the client costs the machine as little as possible per event (one
// read system call and a few hundred instructions), so that what the benchmark measures on a 2-core
// machine is the server, not the client.
//
//   lq-subscribers HOST PORT PATH N OFFSET CONCURRENCY CONNECT_TIMEOUT_MS BASE_NS CONNECT_FRAME SUBSCRIBE_FRAME
//
// Times are CLOCK_MONOTONIC in ms since BASE_NS: the clock of node's process.hrtime, so the writer's
// timestamps and these compare. Out (JSON, one message per line): progress, ready, complete (every
// subscriber got write k), elu (time busy and idle so far), collected, closed. In: "collect K...",
// "close". The WebSocket subset is that of raw-websocket.js: handshake (101 expected; the accept key is
// not checked), masked text frames out, whole frames in (text, ping answered with its pong, close).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { CONNECTING, HANDSHAKE, WAIT_CONNECTED, WAIT_SUBSCRIBED, SUBSCRIBED, FAILED, CLOSED };
#define PING_RING 8
#define STDIN_TAG UINT64_MAX

typedef struct {
    int fd;
    int state;
    int closing; // we sent our close frame
    double deadline; // while opening
    unsigned char *pending; // bytes of an incomplete frame or handshake answer
    size_t pendingLen, pendingCap;
    double pings[PING_RING];
    unsigned pingCount;
} Conn;

static struct sockaddr_storage addr;
static socklen_t addrLen;
static const char *host, *path, *connectFrame, *subscribeFrame;
static int port, n, offset, concurrency, connectTimeoutMs;
static long long baseNs;
static int ep;
static Conn *conns;
static int nextToOpen, opening, subscribedCount, settled, lastReport, closingAll, liveAtClose, closedAtClose;
static long duplicates, otherEvents, unexpectedFrames, errorFrames, closedAfterSubscribe, connectFailures, pings;
static char samples[10][400];
static int sampleCount;
static double busyMs, idleMs, lastEluReport;

// Arrival times per write k: arrivals[k][i] (NaN: not yet), how many arrived, the latest.
static double **arrivals;
static int *counts;
static double *lastAt;
static int kCap;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((long long) ts.tv_sec * 1000000000LL + ts.tv_nsec - baseNs) / 1e6;
}

static void sample(const char *fmt, ...) {
    if (sampleCount >= 10) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(samples[sampleCount++], sizeof samples[0], fmt, ap);
    va_end(ap);
}

static void jsonString(FILE *out, const char *s) {
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

static void printSamples(void) {
    printf("[");
    for (int j = 0; j < sampleCount; j++) {
        if (j) printf(",");
        jsonString(stdout, samples[j]);
    }
    printf("]");
}

// ---- sending: frames are small and sockets new, so a write that does not take everything is an error ----

static int sendAll(Conn *c, const unsigned char *buf, size_t len) {
    while (len > 0) {
        ssize_t w = write(c->fd, buf, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buf += w;
        len -= (size_t) w;
    }
    return 0;
}

static int sendFrame(Conn *c, int opcode, const void *payload, size_t len) {
    unsigned char frame[16 + 1024];
    if (len > 1024) return -1;
    size_t h = 0;
    frame[h++] = (unsigned char) (0x80 | opcode);
    if (len < 126) {
        frame[h++] = (unsigned char) (0x80 | len);
    } else {
        frame[h++] = 0x80 | 126;
        frame[h++] = (unsigned char) (len >> 8);
        frame[h++] = (unsigned char) len;
    }
    unsigned char mask[4];
    uint32_t r = (uint32_t) random();
    memcpy(mask, &r, 4);
    memcpy(frame + h, mask, 4);
    h += 4;
    for (size_t j = 0; j < len; j++) frame[h + j] = ((const unsigned char *) payload)[j] ^ mask[j & 3];
    return sendAll(c, frame, h + len);
}

// ---- opening ----

static void settle(Conn *c, const char *error) {
    int i = (int) (c - conns);
    opening--;
    settled++;
    if (error) {
        connectFailures++;
        sample("connection %d: %s", offset + i, error);
        c->state = FAILED;
        if (c->fd >= 0) {
            epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
            close(c->fd);
            c->fd = -1;
        }
    } else {
        c->state = SUBSCRIBED;
        subscribedCount++;
    }
    if (settled - lastReport >= 1000 || settled == n) {
        lastReport = settled;
        printf("{\"type\":\"progress\",\"settled\":%d,\"subscribed\":%d}\n", settled, subscribedCount);
        fflush(stdout);
    }
}

static void openNext(void) {
    while (opening < concurrency && nextToOpen < n) {
        Conn *c = &conns[nextToOpen++];
        opening++;
        c->deadline = now() + connectTimeoutMs;
        c->fd = socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c->fd < 0) {
            settle(c, strerror(errno));
            continue;
        }
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(c->fd, (struct sockaddr *) &addr, addrLen) < 0 && errno != EINPROGRESS) {
            char msg[200];
            snprintf(msg, sizeof msg, "socket error: %s", strerror(errno));
            settle(c, msg);
            continue;
        }
        c->state = CONNECTING;
        struct epoll_event ev = { .events = EPOLLOUT, .data.u64 = (uint64_t) (c - conns) };
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
    }
}

static void onConnected(Conn *c) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) {
        char msg[200];
        snprintf(msg, sizeof msg, "socket error: %s (no WebSocket handshake answer)", strerror(err));
        settle(c, msg);
        return;
    }
    unsigned char key[16];
    for (int j = 0; j < 16; j++) key[j] = (unsigned char) random();
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char keyText[25];
    for (int j = 0, o = 0; j < 16; j += 3) {
        uint32_t v = (uint32_t) key[j] << 16 | (j + 1 < 16 ? key[j + 1] << 8 : 0) | (j + 2 < 16 ? key[j + 2] : 0);
        keyText[o++] = b64[v >> 18 & 63];
        keyText[o++] = b64[v >> 12 & 63];
        keyText[o++] = j + 1 < 16 ? b64[v >> 6 & 63] : '=';
        keyText[o++] = j + 2 < 16 ? b64[v & 63] : '=';
        keyText[o] = 0;
    }
    char req[1024];
    int len2 = snprintf(req, sizeof req,
                        "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
                        path, host, port, keyText);
    if (sendAll(c, (unsigned char *) req, (size_t) len2) < 0) {
        settle(c, "socket error while sending the handshake");
        return;
    }
    c->state = HANDSHAKE;
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = (uint64_t) (c - conns) };
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

// ---- receiving ----

static int startsWith(const unsigned char *p, size_t len, const char *prefix) {
    size_t pl = strlen(prefix);
    return len >= pl && memcmp(p, prefix, pl) == 0;
}

static int contains(const unsigned char *p, size_t len, const char *needle) {
    return memmem(p, len, needle, strlen(needle)) != NULL;
}

static void onEvent(int i, const unsigned char *p, size_t len) {
    const unsigned char *m = memmem(p, len, "\"lqk\":", 6);
    if (!m) {
        otherEvents++;
        return;
    }
    int k = 0;
    for (m += 6; m < p + len && *m >= '0' && *m <= '9'; m++) k = k * 10 + (*m - '0');
    double t = now();
    if (k >= kCap) {
        int cap = k + 64;
        arrivals = realloc(arrivals, sizeof *arrivals * cap);
        counts = realloc(counts, sizeof *counts * cap);
        lastAt = realloc(lastAt, sizeof *lastAt * cap);
        for (int j = kCap; j < cap; j++) arrivals[j] = NULL;
        kCap = cap;
    }
    if (!arrivals[k]) {
        arrivals[k] = malloc(sizeof(double) * n);
        for (int j = 0; j < n; j++) arrivals[k][j] = NAN;
        counts[k] = 0;
        lastAt[k] = -INFINITY;
    }
    if (!isnan(arrivals[k][i])) {
        duplicates++;
        return;
    }
    arrivals[k][i] = t;
    if (t > lastAt[k]) lastAt[k] = t;
    if (++counts[k] == subscribedCount) {
        printf("{\"type\":\"complete\",\"k\":%d,\"last\":%.4f}\n", k, lastAt[k]);
        fflush(stdout);
    }
}

static void onText(Conn *c, const unsigned char *p, size_t len) {
    int i = (int) (c - conns);
    if (startsWith(p, len, "{\"op\":\"create\"")) {
        onEvent(i, p, len);
        return;
    }
    // Control frames: rare, so a loose look at the op is enough.
    if (contains(p, len, "\"op\":\"connected\"") && c->state == WAIT_CONNECTED) {
        c->state = WAIT_SUBSCRIBED;
        if (sendFrame(c, 1, subscribeFrame, strlen(subscribeFrame)) < 0) settle(c, "socket error while subscribing");
    } else if (contains(p, len, "\"op\":\"subscribed\"") && c->state == WAIT_SUBSCRIBED) {
        settle(c, NULL);
    } else if (contains(p, len, "\"op\":\"error\"")) {
        errorFrames++;
        sample("error frame on connection %d: %.*s", offset + i, (int) (len > 300 ? 300 : len), p);
        if (c->state == WAIT_CONNECTED || c->state == WAIT_SUBSCRIBED) settle(c, "error frame");
    } else if (contains(p, len, "\"op\":\"update\"") || contains(p, len, "\"op\":\"enter\"") ||
               contains(p, len, "\"op\":\"leave\"") || contains(p, len, "\"op\":\"delete\"")) {
        otherEvents++;
    } else {
        unexpectedFrames++;
        sample("unexpected frame: %.*s", (int) (len > 300 ? 300 : len), p);
    }
}

static void gone(Conn *c, int code, const char *why) {
    int i = (int) (c - conns);
    int wasOpening = c->state != SUBSCRIBED;
    if (c->fd >= 0) {
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
    }
    if (wasOpening) {
        char msg[300];
        snprintf(msg, sizeof msg, "closed before subscribed: %d %s", code, why);
        settle(c, msg);
        c->state = CLOSED;
        return;
    }
    c->state = CLOSED;
    if (c->closing) {
        closedAtClose++;
    } else {
        closedAfterSubscribe++;
        sample("connection %d closed by the server at +%.1f s: %d %s", offset + i, now() / 1000, code, why);
    }
}

// Handles the complete frames in buf; returns how many bytes it used (the rest is an incomplete frame).
static size_t frames(Conn *c, const unsigned char *buf, size_t len) {
    size_t at = 0;
    while (len - at >= 2) {
        const unsigned char *f = buf + at;
        int opcode = f[0] & 0x0f;
        uint64_t plen = f[1] & 0x7f;
        size_t h = 2;
        if (plen == 126) {
            if (len - at < 4) break;
            plen = (uint64_t) f[2] << 8 | f[3];
            h = 4;
        } else if (plen == 127) {
            if (len - at < 10) break;
            plen = 0;
            for (int j = 0; j < 8; j++) plen = plen << 8 | f[2 + j];
            h = 10;
        }
        if (f[1] & 0x80) h += 4; // servers do not mask; tolerated, payload left masked (not expected)
        if (len - at < h + plen) break;
        const unsigned char *p = f + h;
        at += h + plen;
        if (opcode == 1) {
            onText(c, p, plen);
        } else if (opcode == 9) {
            c->pings[c->pingCount++ % PING_RING] = now();
            pings++;
            if (sendFrame(c, 10, p, plen) < 0) {
                gone(c, 1006, "socket error while answering a ping");
                return len;
            }
        } else if (opcode == 8) {
            int code = plen >= 2 ? p[0] << 8 | p[1] : 1005;
            char why[200];
            snprintf(why, sizeof why, "%.*s", (int) (plen > 2 ? (plen - 2 > 150 ? 150 : plen - 2) : 0), p + 2);
            if (!c->closing) sendFrame(c, 8, p, plen >= 2 ? 2 : 0);
            gone(c, code, why);
            return len;
        } else if (opcode == 2 || opcode == 0) {
            unexpectedFrames++;
        }
    }
    return at;
}

static void onReadable(Conn *c) {
    static unsigned char buf[1 << 16];
    for (;;) {
        ssize_t r = read(c->fd, buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return;
            gone(c, 1006, strerror(errno));
            return;
        }
        if (r == 0) {
            gone(c, 1006, "");
            return;
        }
        const unsigned char *data = buf;
        size_t len = (size_t) r;
        if (c->pendingLen > 0) { // join with the incomplete frame kept from before
            if (c->pendingLen + len > c->pendingCap) {
                c->pendingCap = (c->pendingLen + len) * 2;
                c->pending = realloc(c->pending, c->pendingCap);
            }
            memcpy(c->pending + c->pendingLen, buf, len);
            c->pendingLen += len;
            data = c->pending;
            len = c->pendingLen;
        }
        size_t used = 0;
        if (c->state == HANDSHAKE) {
            const unsigned char *end = memmem(data, len, "\r\n\r\n", 4);
            if (end) {
                if (!startsWith(data, len, "HTTP/1.1 101")) {
                    char msg[200];
                    snprintf(msg, sizeof msg, "handshake refused: %.*s", (int) (end - data > 100 ? 100 : end - data), data);
                    settle(c, msg);
                    return;
                }
                used = (size_t) (end - data) + 4;
                c->state = WAIT_CONNECTED;
                if (sendFrame(c, 1, connectFrame, strlen(connectFrame)) < 0) {
                    settle(c, "socket error while sending connect");
                    return;
                }
            }
        }
        if (c->state != HANDSHAKE) used += frames(c, data + used, len - used);
        if (c->fd < 0) return; // closed while handling
        size_t rest = len - used;
        if (rest > 0) {
            if (rest > c->pendingCap) {
                c->pendingCap = rest * 2;
                c->pending = realloc(c->pending, c->pendingCap);
            }
            memmove(c->pending, data + used, rest);
        }
        c->pendingLen = rest;
        if ((size_t) r < sizeof buf) return; // the socket is drained: epoll tells when there is more
    }
}

// ---- commands from the node process ----

static void collect(char *args) {
    printf("{\"type\":\"collected\",\"arrivals\":{");
    int first = 1;
    char *save = NULL;
    char missing[1 << 16];
    size_t mlen = 0;
    missing[0] = 0;
    int firstMissing = 1;
    for (char *tok = strtok_r(args, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        int k = atoi(tok);
        double *arr = k < kCap ? arrivals[k] : NULL;
        printf("%s\"%d\":[", first ? "" : ",", k);
        first = 0;
        int nmiss = 0;
        char one[8192];
        size_t olen = 0;
        for (int i = 0; i < n; i++) {
            double t = arr ? arr[i] : NAN;
            if (isnan(t)) printf(i ? ",null" : "null");
            else printf(i ? ",%.4f" : "%.4f", t);
            if (isnan(t) && conns[i].state == SUBSCRIBED && nmiss < 20) {
                olen += (size_t) snprintf(one + olen, sizeof one - olen, "%s{\"subscriber\":%d,\"pingsAtS\":[", nmiss ? "," : "", offset + i);
                int firstPing = 1;
                for (int j = 0; j < PING_RING; j++) {
                    double p = conns[i].pings[j];
                    if (conns[i].pingCount > (unsigned) j && olen < sizeof one - 40) {
                        olen += (size_t) snprintf(one + olen, sizeof one - olen, "%s%.3f", firstPing ? "" : ",", p / 1000);
                        firstPing = 0;
                    }
                }
                olen += (size_t) snprintf(one + olen, sizeof one - olen, "]}");
                nmiss++;
            }
        }
        printf("]");
        if (nmiss && mlen < sizeof missing - sizeof one - 32) {
            mlen += (size_t) snprintf(missing + mlen, sizeof missing - mlen, "%s\"%d\":[%s]", firstMissing ? "" : ",", k, one);
            firstMissing = 0;
        }
        if (arr) {
            free(arr);
            arrivals[k] = NULL;
        }
    }
    printf("},\"stats\":{\"duplicates\":%ld,\"otherEvents\":%ld,\"unexpectedFrames\":%ld,\"errorFrames\":%ld,"
           "\"closedAfterSubscribe\":%ld,\"connectFailures\":%ld,\"pings\":%ld,\"missing\":{%s},\"samples\":",
           duplicates, otherEvents, unexpectedFrames, errorFrames, closedAfterSubscribe, connectFailures, pings, missing);
    printSamples();
    printf("}}\n");
    fflush(stdout);
}

static void closeAll(void) {
    closingAll = 1;
    for (int i = 0; i < n; i++) {
        Conn *c = &conns[i];
        if (c->fd < 0 || c->state != SUBSCRIBED) continue;
        liveAtClose++;
        c->closing = 1;
        unsigned char code[2] = { 1000 >> 8, 1000 & 0xff };
        if (sendFrame(c, 8, code, 2) < 0) gone(c, 1006, "");
    }
}

static void onStdin(void) {
    static char line[1 << 20];
    static size_t have;
    ssize_t r = read(0, line + have, sizeof line - 1 - have);
    if (r <= 0) exit(0); // the node process is gone
    have += (size_t) r;
    char *nl;
    while ((nl = memchr(line, '\n', have)) != NULL) {
        *nl = 0;
        if (strncmp(line, "collect", 7) == 0) collect(line + 7);
        else if (strcmp(line, "close") == 0) closeAll();
        size_t used = (size_t) (nl - line) + 1;
        memmove(line, nl + 1, have - used);
        have -= used;
    }
}

int main(int argc, char **argv) {
    if (argc != 11) {
        fprintf(stderr, "usage: %s HOST PORT PATH N OFFSET CONCURRENCY CONNECT_TIMEOUT_MS BASE_NS CONNECT_FRAME SUBSCRIBE_FRAME\n", argv[0]);
        return 2;
    }
    host = argv[1];
    port = atoi(argv[2]);
    path = argv[3];
    n = atoi(argv[4]);
    offset = atoi(argv[5]);
    concurrency = atoi(argv[6]);
    connectTimeoutMs = atoi(argv[7]);
    baseNs = atoll(argv[8]);
    connectFrame = argv[9];
    subscribeFrame = argv[10];
    srandom((unsigned) getpid() ^ (unsigned) time(NULL));

    memset(&addr, 0, sizeof addr);
    struct sockaddr_in *a4 = (struct sockaddr_in *) &addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *) &addr;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t) port);
        addrLen = sizeof *a4;
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t) port);
        addrLen = sizeof *a6;
    } else {
        fprintf(stderr, "HOST must be an address: %s\n", host);
        return 2;
    }

    conns = calloc((size_t) n, sizeof *conns);
    for (int i = 0; i < n; i++) conns[i].fd = -1;
    ep = epoll_create1(EPOLL_CLOEXEC);
    fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
    struct epoll_event sev = { .events = EPOLLIN, .data.u64 = STDIN_TAG };
    epoll_ctl(ep, EPOLL_CTL_ADD, 0, &sev);

    openNext();
    if (n == 0) {
        printf("{\"type\":\"ready\",\"subscribed\":0,\"failed\":0,\"samples\":[]}\n");
        fflush(stdout);
    }
    int readySent = n == 0;
    static struct epoll_event events[1024];
    double t = now();
    lastEluReport = t;
    for (;;) {
        int got = epoll_wait(ep, events, 1024, settled < n ? 100 : 250);
        double t2 = now();
        idleMs += t2 - t;
        for (int e = 0; e < got; e++) {
            uint64_t tag = events[e].data.u64;
            if (tag == STDIN_TAG) {
                onStdin();
                continue;
            }
            Conn *c = &conns[tag];
            if (c->fd < 0) continue;
            if (c->state == CONNECTING) onConnected(c);
            else if (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) onReadable(c);
        }
        if (settled < n) {
            double tn = now();
            for (int i = 0; i < nextToOpen; i++) {
                Conn *c = &conns[i];
                if (c->fd >= 0 && c->state < SUBSCRIBED && tn > c->deadline) {
                    static const char *stage[] = { "no WebSocket handshake answer", "no WebSocket handshake answer",
                                                   "handshake done, \"connect\" sent, no \"connected\"",
                                                   "\"connected\" received, \"subscribe\" sent, no \"subscribed\"" };
                    char msg[300];
                    snprintf(msg, sizeof msg, "no \"subscribed\" within %d ms (%s)", connectTimeoutMs, stage[c->state]);
                    settle(c, msg);
                }
            }
            openNext();
        }
        if (!readySent && settled == n) {
            readySent = 1;
            printf("{\"type\":\"ready\",\"subscribed\":%d,\"failed\":%ld,\"samples\":", subscribedCount, connectFailures);
            printSamples();
            printf("}\n");
            fflush(stdout);
        }
        if (closingAll && closedAtClose >= liveAtClose) {
            printf("{\"type\":\"closed\",\"live\":%d}\n", liveAtClose);
            fflush(stdout);
            closingAll = 0;
            liveAtClose = 0;
            closedAtClose = 0;
        }
        t = now();
        busyMs += t - t2;
        if (t - lastEluReport >= 100) {
            lastEluReport = t;
            printf("{\"type\":\"elu\",\"busyMs\":%.3f,\"idleMs\":%.3f}\n", busyMs, idleMs);
            fflush(stdout);
        }
    }
}
