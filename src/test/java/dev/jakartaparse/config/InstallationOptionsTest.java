package dev.jakartaparse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** Parse Server's installation option: its JSON and the variable of each key. */
class InstallationOptionsTest {

    @Test
    void defaultsDeleteDuplicatesAndKeepTheTokenRow() {
        assertEquals(
                InstallationOptions.PARSE_DEFAULTS,
                ParseConfigProducer.read(Map.of()).installation());
        assertEquals(new InstallationOptions(false, true), InstallationOptions.PARSE_DEFAULTS);
    }

    @Test
    void readFromJsonOrTheVariables() {
        assertEquals(
                new InstallationOptions(true, false),
                ParseConfigProducer.read(Map.of(
                                "PARSE_SERVER_INSTALLATION",
                                "{\"duplicateDeviceTokenAction\":\"update\","
                                        + "\"duplicateDeviceTokenMergePriority\":\"installationId\"}"))
                        .installation());
        assertEquals(
                new InstallationOptions(true, true),
                ParseConfigProducer.read(Map.of("PARSE_SERVER_INSTALLATION_DUPLICATE_DEVICE_TOKEN_ACTION", "update"))
                        .installation());
    }

    @Test
    void badValuesStopStartUp() {
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(
                        Map.of("PARSE_SERVER_INSTALLATION_DUPLICATE_DEVICE_TOKEN_ACTION", "drop")));
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(
                        Map.of("PARSE_SERVER_INSTALLATION", "{\"duplicateDeviceTokenMergePriority\":\"x\"}")));
        assertThrows(
                ConfigurationError.class,
                () -> ParseConfigProducer.read(
                        Map.of("PARSE_SERVER_INSTALLATION_DUPLICATE_DEVICE_TOKEN_ACTION_ENFORCE_AUTH", "true")));
    }
}
