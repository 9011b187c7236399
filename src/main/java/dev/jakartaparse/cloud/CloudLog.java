package dev.jakartaparse.cloud;

/**
 * The Cloud Code log that Parse Dashboard shows (GET /scriptlog). Cloud Code writes to it with
 * {@code @Inject CloudLog log; log.info("...")}; the server adds its own lines about the functions
 * and triggers it ran. Every line also goes to the server's own log.
 */
public interface CloudLog {
    void info(String message);

    void warn(String message);

    void error(String message);
}
