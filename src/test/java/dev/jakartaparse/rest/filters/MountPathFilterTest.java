package dev.jakartaparse.rest.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MountPathFilterTest {

    @Test
    void pathsUnderTheMountLoseIt() {
        assertEquals("/classes/A", MountPathFilter.belowMount("/parse", "/parse/classes/A"));
        assertEquals("/", MountPathFilter.belowMount("/parse", "/parse"));
        assertEquals("/", MountPathFilter.belowMount("/parse", "/parse/"));
        assertEquals("/classes/A%20B", MountPathFilter.belowMount("/parse", "/parse/classes/A%20B"));
        assertEquals("/health", MountPathFilter.belowMount("/api/v1", "/api/v1/health"));
    }

    @Test
    void pathsOutsideTheMountAreNotUnderIt() {
        assertNull(MountPathFilter.belowMount("/parse", "/parsed/classes/A"));
        assertNull(MountPathFilter.belowMount("/parse", "/classes/A"));
        assertNull(MountPathFilter.belowMount("/parse", "/"));
        assertNull(MountPathFilter.belowMount("/parse", ""));
        assertNull(MountPathFilter.belowMount("/parse", "/Parse/classes/A"));
    }

    @Test
    void aRootMountTakesEveryPath() {
        assertEquals("/classes/A", MountPathFilter.belowMount("/", "/classes/A"));
        assertEquals("/", MountPathFilter.belowMount("/", "/"));
        assertEquals("/", MountPathFilter.belowMount("/", ""));
    }
}
