// The machine's floor for the LiveQuery fan-out benchmark: a server that does nothing but what the
// benchmark needs, as cheaply as C and the kernel allow. It answers the benchmark's requests (GET
// /parse/health, POST /parse/classes/<class>, POST /parse/batch) and WebSocket LiveQuery clients
// (connect and subscribe are answered at once, nothing is checked), and for every POST sends each
// subscriber a create event with the posted fields, right after the HTTP response, from one thread
// per core, each writing a precomputed frame to its share of the sockets. No matching, no ACLs, no
// JSON parsing beyond finding the "lqk" number.
//
// What the benchmark measures against it is what any server would at least take on this machine:
// the kernel's work per event (write system call, loopback TCP, waking the reader) and the client's.
//
//   lq-floor-server PORT [THREADS]        e.g. lq-floor-server 1339, then URL=http://localhost:1339/parse
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 65536
#define MAX_THREADS 16

typedef struct {
    unsigned char *in;
    size_t inLen, inCap;
    int ws; // 1: upgraded to WebSocket
    int subscribed;
} Client;

static Client clients[MAX_FDS];
static int subscribers[MAX_FDS];
static int subscriberCount;
static int threads = 2;
static long objectSeq;

// ---- SHA-1 and base64, for the handshake's Sec-WebSocket-Accept ----

static uint32_t rol(uint32_t v, int b) { return v << b | v >> (32 - b); }

static void sha1(const unsigned char *msg, size_t len, unsigned char out[20]) {
    uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
    size_t total = ((len + 8) / 64 + 1) * 64;
    unsigned char *m = calloc(total, 1);
    memcpy(m, msg, len);
    m[len] = 0x80;
    uint64_t bits = (uint64_t) len * 8;
    for (int j = 0; j < 8; j++) m[total - 1 - j] = (unsigned char) (bits >> (8 * j));
    for (size_t off = 0; off < total; off += 64) {
        uint32_t w[80];
        for (int j = 0; j < 16; j++) w[j] = (uint32_t) m[off + 4 * j] << 24 | m[off + 4 * j + 1] << 16 | m[off + 4 * j + 2] << 8 | m[off + 4 * j + 3];
        for (int j = 16; j < 80; j++) w[j] = rol(w[j - 3] ^ w[j - 8] ^ w[j - 14] ^ w[j - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int j = 0; j < 80; j++) {
            uint32_t f, k;
            if (j < 20) f = (b & c) | (~b & d), k = 0x5A827999;
            else if (j < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (j < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else f = b ^ c ^ d, k = 0xCA62C1D6;
            uint32_t t = rol(a, 5) + f + e + k + w[j];
            e = d, d = c, c = rol(b, 30), b = a, a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    free(m);
    for (int j = 0; j < 5; j++) for (int b = 0; b < 4; b++) out[4 * j + b] = (unsigned char) (h[j] >> (24 - 8 * b));
}

static void base64(const unsigned char *in, size_t len, char *out) {
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t j = 0; j < len; j += 3) {
        uint32_t v = (uint32_t) in[j] << 16 | (j + 1 < len ? in[j + 1] << 8 : 0) | (j + 2 < len ? in[j + 2] : 0);
        out[o++] = t[v >> 18 & 63];
        out[o++] = t[v >> 12 & 63];
        out[o++] = j + 1 < len ? t[v >> 6 & 63] : '=';
        out[o++] = j + 2 < len ? t[v & 63] : '=';
    }
    out[o] = 0;
}

// ---- writing ----

static void writeAll(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            return; // a reader that does not keep up loses the rest: this server measures, it does not queue
        }
        p += w;
        len -= (size_t) w;
    }
}

static size_t frameHeader(unsigned char *h, size_t len, int opcode) {
    h[0] = (unsigned char) (0x80 | opcode);
    if (len < 126) {
        h[1] = (unsigned char) len;
        return 2;
    }
    h[1] = 126;
    h[2] = (unsigned char) (len >> 8);
    h[3] = (unsigned char) len;
    return 4;
}

static void sendText(int fd, const char *text) {
    unsigned char frame[4096];
    size_t len = strlen(text);
    size_t h = frameHeader(frame, len, 1);
    memcpy(frame + h, text, len);
    writeAll(fd, frame, h + len);
}

// ---- fan-out: one thread per core, each writes the same frame to its share of the subscribers ----

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    const unsigned char *frame;
    size_t frameLen;
    int from, to;
    int busy;
} Shard;

static Shard shards[MAX_THREADS];

static void *fanOutThread(void *arg) {
    Shard *s = arg;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->busy) pthread_cond_wait(&s->wake, &s->lock);
        pthread_mutex_unlock(&s->lock);
        for (int j = s->from; j < s->to; j++) writeAll(subscribers[j], s->frame, s->frameLen);
        pthread_mutex_lock(&s->lock);
        s->busy = 0;
        pthread_cond_broadcast(&s->wake);
    }
    return NULL;
}

static void fanOut(const unsigned char *frame, size_t len) {
    int per = (subscriberCount + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
        Shard *s = &shards[t];
        pthread_mutex_lock(&s->lock);
        while (s->busy) pthread_cond_wait(&s->wake, &s->lock); // the previous event is out first
        s->frame = frame;
        s->frameLen = len;
        s->from = t * per < subscriberCount ? t * per : subscriberCount;
        s->to = (t + 1) * per < subscriberCount ? (t + 1) * per : subscriberCount;
        s->busy = 1;
        pthread_cond_broadcast(&s->wake);
        pthread_mutex_unlock(&s->lock);
    }
}

// ---- HTTP and WebSocket ----

static void respond(int fd, int status, const char *body) {
    char head[256];
    int h = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     status, status == 201 ? "Created" : status == 200 ? "OK" : "Not Found", strlen(body));
    char out[4096];
    memcpy(out, head, (size_t) h);
    memcpy(out + h, body, strlen(body));
    writeAll(fd, out, (size_t) h + strlen(body));
}

// Frames of the event being sent: two, used in turn, so that a new POST never rewrites the one in flight.
static unsigned char eventFrames[2][4096];
static int eventSlot;

static void onPost(int fd, const char *path, const char *body, size_t bodyLen) {
    if (strstr(path, "/batch")) {
        respond(fd, 200, "[]");
        return;
    }
    char objectId[24];
    snprintf(objectId, sizeof objectId, "f%09ld", ++objectSeq);
    char createdAt[32];
    time_t now = time(NULL);
    strftime(createdAt, sizeof createdAt, "%Y-%m-%dT%H:%M:%S.000Z", gmtime(&now));
    char resp[256];
    snprintf(resp, sizeof resp, "{\"objectId\":\"%s\",\"createdAt\":\"%s\"}", objectId, createdAt);
    respond(fd, 201, resp);
    // The event: the posted fields (the body without its braces) with the object's id and dates.
    const char *cls = strstr(path, "/classes/") ? strstr(path, "/classes/") + 9 : "LQTest";
    char fields[1024];
    size_t fl = bodyLen >= 2 && bodyLen < sizeof fields ? bodyLen - 2 : 0;
    memcpy(fields, body + 1, fl);
    fields[fl] = 0;
    char text[3000];
    snprintf(text, sizeof text,
             "{\"op\":\"create\",\"clientId\":\"floor\",\"requestId\":1,\"object\":{%s,\"className\":\"%.64s\","
             "\"objectId\":\"%s\",\"createdAt\":\"%s\",\"updatedAt\":\"%s\"}}",
             fields, cls, objectId, createdAt, createdAt);
    unsigned char *frame = eventFrames[eventSlot];
    eventSlot ^= 1;
    size_t len = strlen(text);
    size_t h = frameHeader(frame, len, 1);
    memcpy(frame + h, text, len);
    fanOut(frame, h + len);
}

// Handles the complete HTTP requests in c->in; returns the bytes used.
static size_t httpRequests(int fd, Client *c) {
    size_t used = 0;
    for (;;) {
        char *start = (char *) c->in + used;
        size_t avail = c->inLen - used;
        char *end = memmem(start, avail, "\r\n\r\n", 4);
        if (!end) return used;
        size_t headLen = (size_t) (end - start) + 4;
        char *cl = memmem(start, headLen, "Content-Length:", 15);
        if (!cl) cl = memmem(start, headLen, "content-length:", 15);
        size_t bodyLen = cl ? (size_t) atol(cl + 15) : 0;
        if (avail < headLen + bodyLen) return used;
        char method[8] = "", path[512] = "";
        sscanf(start, "%7s %511s", method, path);
        char *key = memmem(start, headLen, "Sec-WebSocket-Key:", 18);
        if (!key) key = memmem(start, headLen, "sec-websocket-key:", 18);
        if (key) {
            char k[128];
            sscanf(key + 18, " %100s", k);
            strcat(k, "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
            unsigned char digest[20];
            sha1((unsigned char *) k, strlen(k), digest);
            char accept[32];
            base64(digest, 20, accept);
            char resp[256];
            int n = snprintf(resp, sizeof resp,
                             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
            writeAll(fd, resp, (size_t) n);
            c->ws = 1;
            return used + headLen;
        }
        if (strcmp(method, "POST") == 0) onPost(fd, path, start + headLen, bodyLen);
        else if (strstr(path, "/health")) respond(fd, 200, "{\"status\":\"ok\"}");
        else respond(fd, 404, "{\"code\":119,\"error\":\"not here\"}");
        used += headLen + bodyLen;
    }
}

// Handles the complete (masked) WebSocket frames in c->in; returns the bytes used.
static size_t wsFrames(int fd, Client *c) {
    size_t used = 0;
    while (c->inLen - used >= 6) {
        unsigned char *f = c->in + used;
        size_t avail = c->inLen - used;
        int opcode = f[0] & 15;
        uint64_t len = f[1] & 127;
        size_t h = 2;
        if (len == 126) {
            len = (uint64_t) f[2] << 8 | f[3];
            h = 4;
        } else if (len == 127) {
            return avail; // nothing this large is expected: drop it
        }
        const unsigned char *mask = f + h;
        h += 4;
        if (avail < h + len) break;
        unsigned char *p = f + h;
        for (uint64_t j = 0; j < len; j++) p[j] ^= mask[j & 3];
        used += h + len;
        if (opcode == 1) {
            if (memmem(p, len, "\"op\":\"connect\"", 14)) {
                sendText(fd, "{\"op\":\"connected\",\"clientId\":\"floor\"}");
            } else if (memmem(p, len, "\"op\":\"subscribe\"", 16) && !c->subscribed) {
                c->subscribed = 1;
                sendText(fd, "{\"op\":\"subscribed\",\"clientId\":\"floor\",\"requestId\":1}");
                subscribers[subscriberCount++] = fd;
            }
        } else if (opcode == 8) {
            unsigned char closeFrame[4] = { 0x88, 2, 0x03, 0xe8 };
            writeAll(fd, closeFrame, sizeof closeFrame);
        } else if (opcode == 9) {
            unsigned char pong[2] = { 0x8a, 0 };
            writeAll(fd, pong, 2);
        }
    }
    return used;
}

static void dropSubscriber(int fd) {
    for (int j = 0; j < subscriberCount; j++) {
        if (subscribers[j] == fd) {
            subscribers[j] = subscribers[--subscriberCount];
            return;
        }
    }
}

static void waitForFanOut(void) {
    for (int t = 0; t < threads; t++) {
        pthread_mutex_lock(&shards[t].lock);
        while (shards[t].busy) pthread_cond_wait(&shards[t].wake, &shards[t].lock);
        pthread_mutex_unlock(&shards[t].lock);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [THREADS]\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    if (argc > 2) threads = atoi(argv[2]);
    if (threads < 1 || threads > MAX_THREADS) threads = 2;
    for (int t = 0; t < threads; t++) {
        pthread_mutex_init(&shards[t].lock, NULL);
        pthread_cond_init(&shards[t].wake, NULL);
        pthread_t th;
        pthread_create(&th, NULL, fanOutThread, &shards[t]);
    }
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t) port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(ls, (struct sockaddr *) &a, sizeof a) < 0 || listen(ls, 4096) < 0) {
        perror("listen");
        return 1;
    }
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = ls };
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    fprintf(stderr, "floor server on http://127.0.0.1:%d/parse, %d fan-out thread(s)\n", port, threads);
    static struct epoll_event events[1024];
    static unsigned char buf[1 << 16];
    for (;;) {
        int got = epoll_wait(ep, events, 1024, -1);
        for (int e = 0; e < got; e++) {
            int fd = events[e].data.fd;
            if (fd == ls) {
                int cfd;
                while ((cfd = accept4(ls, NULL, NULL, SOCK_CLOEXEC)) >= 0) {
                    if (cfd >= MAX_FDS) {
                        close(cfd);
                        continue;
                    }
                    setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    memset(&clients[cfd], 0, sizeof clients[cfd]);
                    struct epoll_event cev = { .events = EPOLLIN, .data.fd = cfd };
                    epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &cev);
                }
                continue;
            }
            Client *c = &clients[fd];
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && errno == EAGAIN) continue;
                if (c->subscribed) {
                    waitForFanOut(); // no thread may still write to the descriptor that is closed (and reused)
                    dropSubscriber(fd);
                }
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                free(c->in);
                memset(c, 0, sizeof *c);
                continue;
            }
            if (c->inLen + (size_t) r > c->inCap) {
                c->inCap = (c->inLen + (size_t) r) * 2;
                c->in = realloc(c->in, c->inCap);
            }
            memcpy(c->in + c->inLen, buf, (size_t) r);
            c->inLen += (size_t) r;
            size_t used = c->ws ? wsFrames(fd, c) : httpRequests(fd, c);
            memmove(c->in, c->in + used, c->inLen - used);
            c->inLen -= used;
        }
    }
}
