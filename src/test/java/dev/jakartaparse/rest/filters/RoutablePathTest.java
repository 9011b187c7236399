package dev.jakartaparse.rest.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoutablePathTest {

    @Test
    void pathParametersAndEmptySegmentsAreDropped() {
        assertEquals("/classes/RL", RoutablePath.of("/classes/RL;x=1"));
        assertEquals("/classes/RL", RoutablePath.of("/classes;a=b/RL"));
        assertEquals("/classes/RL", RoutablePath.of("//classes//RL/"));
        assertEquals("/", RoutablePath.of("/"));
        assertEquals("/", RoutablePath.of(""));
    }

    @Test
    void segmentsArePercentDecoded() {
        assertEquals("/classes/RL", RoutablePath.of("/classes/%52L"));
        assertEquals("/classes/a b+c", RoutablePath.of("/classes/a%20b+c"));
        assertEquals("/functions/caf\u00e9", RoutablePath.of("/functions/caf%C3%A9"));
        assertEquals("/classes/100%", RoutablePath.of("/classes/100%"));
    }
}
