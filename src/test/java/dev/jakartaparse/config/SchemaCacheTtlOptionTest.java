package dev.jakartaparse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** databaseOptions.schemaCacheTtl, read as Parse Server reads it (milliseconds; none: never expires). */
class SchemaCacheTtlOptionTest {

    private static long ttl(Map<String, String> values) {
        return ParseConfigProducer.read(values).schemaCacheTtlMillis();
    }

    @Test
    void readsTheDatabaseOptionsObjectOrItsEnvironmentVariable() {
        assertEquals(ParseConfig.SCHEMA_CACHE_NEVER_EXPIRES, ttl(Map.of()));
        assertEquals(
                5000, ttl(Map.of("PARSE_SERVER_DATABASE_OPTIONS", "{\"schemaCacheTtl\":5000,\"maxPoolSize\":10}")));
        assertEquals(5000, ttl(Map.of("databaseOptions", "{\"schemaCacheTtl\":5000}")));
        assertEquals(1500, ttl(Map.of("PARSE_SERVER_DATABASE_SCHEMA_CACHE_TTL", "1500")));
        assertEquals(
                ParseConfig.SCHEMA_CACHE_NEVER_EXPIRES,
                ttl(Map.of("PARSE_SERVER_DATABASE_OPTIONS", "{\"maxPoolSize\":10}")));
        assertEquals(
                250,
                ttl(Map.of(
                        "PARSE_SERVER_DATABASE_OPTIONS",
                        "{\"schemaCacheTtl\":250}",
                        "PARSE_SERVER_DATABASE_SCHEMA_CACHE_TTL",
                        "9999")),
                "the object wins, as it holds the option");
    }

    @Test
    void anythingButANumberStopsStartUp() {
        for (String bad : new String[] {"\"5s\"", "null", "false", "{}", "[]", "-1"}) {
            ConfigurationError e = assertThrows(
                    ConfigurationError.class,
                    () -> ttl(Map.of("PARSE_SERVER_DATABASE_OPTIONS", "{\"schemaCacheTtl\":" + bad + "}")),
                    bad);
            assertEquals("databaseOptions.schemaCacheTtl", e.option());
        }
        assertThrows(ConfigurationError.class, () -> ttl(Map.of("PARSE_SERVER_DATABASE_SCHEMA_CACHE_TTL", "soon")));
        assertThrows(ConfigurationError.class, () -> ttl(Map.of("PARSE_SERVER_DATABASE_OPTIONS", "[1]")));
    }
}
