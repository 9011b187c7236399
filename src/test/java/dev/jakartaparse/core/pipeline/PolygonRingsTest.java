package dev.jakartaparse.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class PolygonRingsTest {

    @Test
    void anOpenRingGetsItsFirstPointAgainAtTheEnd() {
        Map<String, Object> open =
                Map.of("__type", "Polygon", "coordinates", List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1)));
        assertEquals(
                Map.of(
                        "__type",
                        "Polygon",
                        "coordinates",
                        List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1), List.of(0, 0))),
                PolygonRings.closed(open));
    }

    @Test
    void aClosedRingAndOtherValuesStayAsTheyAre() {
        Map<String, Object> closed = Map.of(
                "__type",
                "Polygon",
                "coordinates",
                List.of(List.of(0, 0), List.of(0, 1), List.of(1, 1), List.of(0.0, 0)));
        assertSame(closed, PolygonRings.closed(closed));
        Map<String, Object> point = Map.of("__type", "GeoPoint", "latitude", 1, "longitude", 2);
        assertSame(point, PolygonRings.closed(point));
        assertSame("text", PolygonRings.closed("text"));
    }
}
