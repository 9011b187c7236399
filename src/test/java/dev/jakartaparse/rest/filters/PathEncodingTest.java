package dev.jakartaparse.rest.filters;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathEncodingTest {

    @Test
    void wellFormedPathsDecode() {
        assertTrue(PathEncoding.decodes("/classes/GameScore"));
        assertTrue(PathEncoding.decodes("/classes/Caf%C3%A9"));
        assertTrue(PathEncoding.decodes("/files/%F0%9F%98%80.txt"));
        assertTrue(PathEncoding.decodes("/classes/a%2Fb%2e%5c"));
        assertTrue(PathEncoding.decodes("/classes/é"));
    }

    @Test
    void badEscapesDoNotDecode() {
        assertFalse(PathEncoding.decodes("/classes/%ZZ"));
        assertFalse(PathEncoding.decodes("/classes/%"));
        assertFalse(PathEncoding.decodes("/classes/%4"));
        assertFalse(PathEncoding.decodes("/classes/%G1x"));
    }

    @Test
    void bytesThatAreNotUtf8DoNotDecode() {
        assertFalse(PathEncoding.decodes("/classes/%C0%AF")); // overlong "/"
        assertFalse(PathEncoding.decodes("/classes/%E0%80%AF"));
        assertFalse(PathEncoding.decodes("/classes/%80"));
        assertFalse(PathEncoding.decodes("/classes/%FF"));
        assertFalse(PathEncoding.decodes("/classes/%ED%A0%80")); // a surrogate
    }
}
