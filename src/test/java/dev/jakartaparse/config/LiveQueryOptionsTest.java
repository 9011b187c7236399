package dev.jakartaparse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

class LiveQueryOptionsTest {

    @Test
    void readsParseServersOptionsAndEnvironmentVariables() {
        ParseConfig cfg = ParseConfigProducer.read(Map.of(
                "PARSE_SERVER_LIVE_QUERY", "{\"classNames\":[\"Message\"],\"redisURL\":\"redis://127.0.0.1:6379\"}",
                "PARSE_SERVER_LIVE_QUERY_SERVER_OPTIONS",
                        "{\"keyPairs\":{\"javascriptKey\":\"js\"},\"websocketTimeout\":5000}"));
        LiveQueryOptions lq = cfg.liveQuery();
        assertTrue(lq.publishes("Message"));
        assertFalse(lq.publishes("Other"));
        assertEquals("redis://127.0.0.1:6379", lq.redisURL());
        assertEquals(Map.of("javascriptKey", "js"), lq.keyPairs());
        assertEquals(5000, lq.websocketTimeoutMillis());
    }

    @Test
    void nothingConfiguredPublishesNothing() {
        LiveQueryOptions lq = ParseConfigProducer.read(Map.of()).liveQuery();
        assertFalse(lq.publishes("Message"));
        assertNull(lq.redisURL());
        assertEquals(10_000, lq.websocketTimeoutMillis());
    }

    @Test
    void malformedOptionsStopStartUp() {
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(Map.of("liveQuery", "{\"classNames\":\"Message\"}")));
        assertThrows(ConfigurationError.class, () -> ParseConfigProducer.read(Map.of("liveQuery", "{\"redisURL\":5}")));
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(Map.of("liveQuery", "{\"redisURL\":\"rediss://host:6380\"}")));
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(Map.of("liveQueryServerOptions", "{\"keyPairs\":[1]}")));
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(Map.of("liveQueryServerOptions", "{\"websocketTimeout\":\"soon\"}")));
        assertThrows(ConfigurationError.class, () -> ParseConfigProducer.read(Map.of("liveQuery", "not json")));
    }
}
