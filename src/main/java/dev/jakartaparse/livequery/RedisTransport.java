package dev.jakartaparse.livequery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bus between several servers: Redis pub/sub (PUBLISH on one connection, SUBSCRIBE on
 * another whose reader thread delivers in order). Speaks the few RESP commands it needs itself;
 * reconnects after Redis restarts. URL form: {@code redis://[[user]:password@]host[:port]}.
 */
final class RedisTransport implements EventBus.Transport {
    private static final Logger LOG = Logger.getLogger(RedisTransport.class.getName());
    private static final int TIMEOUT_MS = 5000;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final List<String> channels;
    private final BiConsumer<String, String> sink;
    private final Thread reader;
    private volatile boolean closed;
    private RespConnection publisher;
    private volatile RespConnection subscriber;

    RedisTransport(String url, List<String> channels, BiConsumer<String, String> sink) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("redisURL must look like redis://host:port");
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String info = uri.getRawUserInfo();
        if (info == null) {
            user = null;
            password = null;
        } else {
            int colon = info.indexOf(':');
            String u = colon < 0 ? null : URLDecoder.decode(info.substring(0, colon), StandardCharsets.UTF_8);
            user = u == null || u.isEmpty() ? null : u;
            password = URLDecoder.decode(colon < 0 ? info : info.substring(colon + 1), StandardCharsets.UTF_8);
        }
        this.channels = List.copyOf(channels);
        this.sink = sink;
        this.reader = new Thread(this::readLoop, "livequery-redis-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void publish(String channel, String message) {
        for (int attempt = 0; attempt < 2 && !closed; attempt++) {
            try {
                if (publisher == null) {
                    publisher = connect();
                }
                publisher.command("PUBLISH", channel, message);
                publisher.read();
                return;
            } catch (IOException e) {
                closeQuietly(publisher);
                publisher = null;
                if (attempt == 1) {
                    LOG.log(Level.WARNING, "LiveQuery: could not publish to Redis at " + host + ":" + port, e);
                }
            }
        }
    }

    private void readLoop() {
        long backoff = 100;
        while (!closed) {
            try (RespConnection c = connect()) {
                c.socket.setSoTimeout(0); // a subscriber waits for messages as long as it takes
                subscriber = c;
                List<String> command = new ArrayList<>();
                command.add("SUBSCRIBE");
                command.addAll(channels);
                c.command(command.toArray(String[]::new));
                backoff = 100;
                while (!closed) {
                    if (c.read() instanceof List<?> reply && reply.size() == 3 && "message".equals(reply.get(0))) {
                        try {
                            sink.accept((String) reply.get(1), (String) reply.get(2));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "LiveQuery delivery failed", e);
                        }
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "LiveQuery: Redis subscription lost, reconnecting: " + e.getMessage());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5000);
                }
            }
        }
    }

    private RespConnection connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            RespConnection c = new RespConnection(socket);
            if (password != null) {
                if (user != null) {
                    c.command("AUTH", user, password);
                } else {
                    c.command("AUTH", password);
                }
                c.read();
            }
            return c;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(subscriber);
        synchronized (this) {
            closeQuietly(publisher);
        }
        reader.interrupt();
    }

    private static void closeQuietly(RespConnection c) {
        if (c != null) {
            c.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection speaking RESP2: commands as arrays of bulk strings, replies parsed to Java values. */
    static final class RespConnection implements AutoCloseable {
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        RespConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        void command(String... args) throws IOException {
            out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                out.write(('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
        }

        /** The next reply: String, Long, List, or null; an error reply throws. */
        Object read() throws IOException {
            int type = in.read();
            if (type < 0) {
                throw new IOException("Redis closed the connection");
            }
            String line = line();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    throw new IOException("Redis error: " + line);
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int len = Integer.parseInt(line);
                    if (len < 0) {
                        return null;
                    }
                    byte[] data = in.readNBytes(len + 2);
                    if (data.length < len + 2) {
                        throw new IOException("Redis closed the connection");
                    }
                    return new String(data, 0, len, StandardCharsets.UTF_8);
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    if (n < 0) {
                        return null;
                    }
                    List<Object> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    return items;
                }
                default:
                    throw new IOException("Unexpected Redis reply type: " + (char) type);
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("Redis closed the connection");
                }
                b.append((char) c);
            }
            in.read(); // '\n'
            return b.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
