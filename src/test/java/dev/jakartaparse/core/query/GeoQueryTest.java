package dev.jakartaparse.core.query;

import static dev.jakartaparse.core.query.Json.map;
import static dev.jakartaparse.core.query.Json.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GeoQueryTest {

    private static String point(double lat, double lng) {
        return "{__type: 'GeoPoint', latitude: " + lat + ", longitude: " + lng + "}";
    }

    private static String at(double lat, double lng) {
        return "{location: " + point(lat, lng) + "}";
    }

    private static final String SF = point(37.7749, -122.4194);
    private static final String OAKLAND = at(37.8044, -122.2712); // ~13.4 km from SF
    private static final String LOS_ANGELES = at(34.0522, -118.2437); // ~559 km from SF

    private static void assertError(int code, String message, String object, String where) {
        ParseException e = assertThrows(ParseException.class, () -> matches(object, where));
        assertEquals(code, e.code());
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
    }

    @Nested
    class NearSphere {
        @Test
        void withoutMaximumMatchesAnyGeoPoint() {
            assertTrue(matches(LOS_ANGELES, "{location: {$nearSphere: " + SF + "}}"));
            assertFalse(matches("{other: 1}", "{location: {$nearSphere: " + SF + "}}"));
            assertFalse(matches("{location: 'nowhere'}", "{location: {$nearSphere: " + SF + "}}"));
        }

        @Test
        void maxDistanceInRadians() {
            assertTrue(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistance: 0.003}}"));
            assertFalse(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistance: 0.001}}"));
            assertTrue(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInRadians: 0.003}}"));
            assertFalse(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInRadians: 0.001}}"));
        }

        @Test
        void maxDistanceInKilometers() {
            assertTrue(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInKilometers: 14}}"));
            assertFalse(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInKilometers: 13}}"));
            assertFalse(matches(LOS_ANGELES, "{location: {$nearSphere: " + SF + ", $maxDistanceInKilometers: 500}}"));
            assertTrue(matches(LOS_ANGELES, "{location: {$nearSphere: " + SF + ", $maxDistanceInKilometers: 600}}"));
        }

        @Test
        void maxDistanceInMiles() {
            assertTrue(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInMiles: 9}}"));
            assertFalse(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInMiles: 8}}"));
        }

        @Test
        void milesUseParseServersEarthRadiusOf3959() {
            double d = GeoMath.radiansBetween(37.7749, -122.4194, 37.8044, -122.2712);
            double miles = d * 3959 * (1 - 2e-5); // inside with a 3958.8 radius, just outside with 3959
            assertFalse(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistanceInMiles: " + miles + "}}"));
            assertTrue(matches(
                    OAKLAND,
                    "{location: {$nearSphere: " + SF + ", $maxDistanceInMiles: " + (d * 3959 * 1.00001) + "}}"));
        }

        @Test
        void maxDistanceIsInclusive() {
            double d = GeoMath.radiansBetween(37.7749, -122.4194, 37.8044, -122.2712);
            assertTrue(matches(OAKLAND, "{location: {$nearSphere: " + SF + ", $maxDistance: " + d + "}}"));
        }

        @Test
        void plainMaxDistanceWinsOverUnitVariants() {
            // Parse applies the keys in reverse alphabetical order: $maxDistance is written last.
            assertFalse(matches(
                    OAKLAND,
                    "{location: {$nearSphere: " + SF + ", $maxDistance: 0.001, $maxDistanceInKilometers: 20}}"));
            assertTrue(matches(
                    OAKLAND,
                    "{location: {$nearSphere: " + SF
                            + ", $maxDistanceInKilometers: 20, $maxDistanceInRadians: 0.001}}"));
        }

        @Test
        void acrossThePole() {
            String near = "{location: {$nearSphere: " + point(89.9, 0) + ", $maxDistanceInKilometers: 25}}";
            assertTrue(matches(at(89.9, 180), near)); // 0.2 degrees over the pole, ~22 km
            assertFalse(matches(
                    at(89.9, 180), "{location: {$nearSphere: " + point(89.9, 0) + ", $maxDistanceInKilometers: 20}}"));
            assertTrue(matches(at(90, 0), near));
        }

        @Test
        void acrossTheAntimeridian() {
            String near = "{location: {$nearSphere: " + point(0, 179.9) + ", $maxDistanceInKilometers: 25}}";
            assertTrue(matches(at(0, -179.9), near));
            assertFalse(matches(
                    at(0, 179.5), "{location: {$nearSphere: " + point(0, -179.9) + ", $maxDistanceInKilometers: 25}}"));
        }

        @Test
        void arrayOfPoints() {
            assertTrue(matches(
                    "{location: [" + point(0, 0) + ", " + point(37.8044, -122.2712) + "]}",
                    "{location: {$nearSphere: " + SF + ", $maxDistanceInKilometers: 20}}"));
        }

        @Test
        void badValues() {
            assertError(ParseError.INVALID_JSON, null, OAKLAND, "{location: {$nearSphere: 'x'}}");
            assertError(
                    ParseError.INVALID_JSON,
                    null,
                    OAKLAND,
                    "{location: {$nearSphere: " + SF + ", $maxDistance: 'far'}}");
        }
    }

    @Nested
    class Box {
        private final String box = "{location: {$within: {$box: [" + point(0, 0) + ", " + point(10, 10) + "]}}}";

        @Test
        void insideOnBoundaryAndOutside() {
            assertTrue(matches(at(1.5, 1.5), box));
            assertTrue(matches(at(10, 10), box)); // MongoDB boxes are inclusive
            assertTrue(matches(at(0, 5), box));
            assertTrue(matches(at(5, 0), box));
            assertFalse(matches(at(5, -0.0001), box));
            assertFalse(matches(at(20, 20), box));
            assertFalse(matches(at(5, 10.0001), box));
            assertFalse(matches("{}", box));
        }

        @Test
        void cornersInEitherOrderDescribeTheSameBox() {
            String reversed = "{location: {$within: {$box: [" + point(10, 10) + ", " + point(0, 0) + "]}}}";
            assertTrue(matches(at(1.5, 1.5), reversed));
            assertFalse(matches(at(20, 20), reversed));
        }

        @Test
        void southWestEastOfNorthEastIsNormalisedNotWrapped() {
            // MongoDB's Box takes min/max of the corners, so a box "crossing" the 180th meridian
            // covers the long way round instead of wrapping.
            String crossing = "{location: {$within: {$box: [" + point(0, 170) + ", " + point(10, -170) + "]}}}";
            assertFalse(matches(at(5, 175), crossing));
            assertFalse(matches(at(5, -175), crossing));
            assertTrue(matches(at(5, 0), crossing));
        }

        @Test
        void malformed() {
            assertError(
                    ParseError.INVALID_JSON,
                    "malformatted $within arg",
                    at(1, 1),
                    "{location: {$within: {$box: [" + point(0, 0) + "]}}}");
            assertError(ParseError.INVALID_JSON, "malformatted $within arg", at(1, 1), "{location: {$within: {}}}");
        }
    }

    @Nested
    class Polygon {
        private final String square = "{location: {$geoWithin: {$polygon: [" + point(0, 0) + ", " + point(0, 10) + ", "
                + point(10, 10) + ", " + point(10, 0) + "]}}}";

        @Test
        void geoPointPolygonOpenPath() {
            assertTrue(matches(at(1.5, 1.5), square));
            assertTrue(matches(at(10, 10), square)); // vertex counts (Parse's spec expects 2 results)
            assertTrue(matches(at(5, 10), square)); // edge counts
            assertFalse(matches(at(20, 20), square));
        }

        @Test
        void closedPathGivesTheSameResult() {
            String closed = "{location: {$geoWithin: {$polygon: [" + point(0, 0) + ", " + point(0, 10) + ", "
                    + point(10, 10) + ", " + point(10, 0) + ", " + point(0, 0) + "]}}}";
            assertTrue(matches(at(1.5, 1.5), closed));
            assertFalse(matches(at(20, 20), closed));
        }

        @Test
        void concavePolygon() {
            // An L shape: the notch at (7,7) is outside.
            String shape = "{location: {$geoWithin: {$polygon: [" + point(0, 0) + ", " + point(0, 10) + ", "
                    + point(5, 10) + ", " + point(5, 5) + ", " + point(10, 5) + ", " + point(10, 0) + "]}}}";
            assertTrue(matches(at(2, 8), shape));
            assertTrue(matches(at(8, 2), shape));
            assertFalse(matches(at(7, 7), shape));
        }

        @Test
        void rawPairsAreLongitudeLatitude() {
            // Parse passes raw pairs straight to MongoDB, where legacy pairs are [x = lng, y = lat].
            String triangle = "{location: {$geoWithin: {$polygon: [[0, 0], [20, 0], [0, 5]]}}}";
            assertTrue(matches(at(2, 10), triangle));
            assertFalse(matches(at(10, 2), triangle));
        }

        @Test
        void polygonObjectCoordinatesAreUsedAsGiven() {
            String polygon =
                    "{location: {$geoWithin: {$polygon: {__type: 'Polygon', coordinates: [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]}}}}";
            assertTrue(matches(at(1.5, 1.5), polygon));
            assertTrue(matches(at(10, 10), polygon));
            assertFalse(matches(at(20, 20), polygon));
        }

        @Test
        void validation() {
            String obj = at(1.5, 1.5);
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $polygon should contain at least 3 GeoPoints",
                    obj,
                    "{location: {$geoWithin: {$polygon: []}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $polygon should be Polygon object or Array of Parse.GeoPoint's",
                    obj,
                    "{location: {$geoWithin: {$polygon: 1234}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value",
                    obj,
                    "{location: {$geoWithin: {$polygon: [{}, {}, {}]}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; Polygon.coordinates should contain at least 3 lon/lat pairs",
                    obj,
                    "{location: {$geoWithin: {$polygon: {__type: 'Polygon', coordinates: [[0, 0], [10, 0]]}}}}");
            assertError(
                    ParseError.INTERNAL_SERVER_ERROR,
                    "GeoPoint latitude out of bounds: 181 > 90.0.",
                    obj,
                    "{location: {$geoWithin: {$polygon: [" + point(0, 0) + ", " + point(181, 0) + ", " + point(0, 0)
                            + "]}}}");
            assertError(
                    ParseError.INTERNAL_SERVER_ERROR,
                    "GeoPoint longitude out of bounds: 181 > 180.0.",
                    obj,
                    "{location: {$geoWithin: {$polygon: {__type: 'Polygon', coordinates: [[0, 0], [181, 0], [0, 10]]}}}}");
        }
    }

    @Nested
    class CenterSphere {
        @Test
        void withLngLatPairOrGeoPoint() {
            double radius = 14 / 6371.0;
            assertTrue(matches(
                    OAKLAND, "{location: {$geoWithin: {$centerSphere: [[-122.4194, 37.7749], " + radius + "]}}}"));
            assertTrue(matches(OAKLAND, "{location: {$geoWithin: {$centerSphere: [" + SF + ", " + radius + "]}}}"));
            assertFalse(
                    matches(OAKLAND, "{location: {$geoWithin: {$centerSphere: [" + SF + ", " + (13 / 6371.0) + "]}}}"));
        }

        @Test
        void pairsAreLongitudeFirst() {
            assertTrue(matches(at(10, 40), "{location: {$geoWithin: {$centerSphere: [[40, 10], 0.001]}}}"));
            assertFalse(matches(at(10, 40), "{location: {$geoWithin: {$centerSphere: [[10, 40], 0.001]}}}"));
            // A latitude-first pair is usually out of range, which Parse reports as code 1.
            assertError(
                    ParseError.INTERNAL_SERVER_ERROR,
                    "GeoPoint latitude out of bounds: -122.4194 < -90.0.",
                    OAKLAND,
                    "{location: {$geoWithin: {$centerSphere: [[37.7749, -122.4194], 0.1]}}}");
        }

        @Test
        void acrossTheAntimeridian() {
            assertTrue(matches(at(10, -179.95), "{location: {$geoWithin: {$centerSphere: [[179.95, 10], 0.01]}}}"));
        }

        @Test
        void validation() {
            String obj = at(0, 0);
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $centerSphere should be an array of Parse.GeoPoint and distance",
                    obj,
                    "{location: {$geoWithin: {$centerSphere: [[0, 0]]}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $centerSphere geo point invalid",
                    obj,
                    "{location: {$geoWithin: {$centerSphere: ['x', 1]}}}");
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoWithin value; $centerSphere distance invalid",
                    obj,
                    "{location: {$geoWithin: {$centerSphere: [[0, 0], -1]}}}");
            assertError(
                    ParseError.INTERNAL_SERVER_ERROR,
                    null,
                    obj,
                    "{location: {$geoWithin: {$centerSphere: [[0, 91], 1]}}}");
        }
    }

    @Nested
    class Intersects {
        private static final String SQUARE =
                "{bounds: {__type: 'Polygon', coordinates: [[0, 0], [0, 10], [10, 10], [10, 0]]}}";

        private String query(double lat, double lng) {
            return "{bounds: {$geoIntersects: {$point: " + point(lat, lng) + "}}}";
        }

        @Test
        void pointInPolygon() {
            assertTrue(matches(SQUARE, query(5, 5)));
            assertFalse(matches(SQUARE, query(15, 5)));
            assertFalse(matches(SQUARE, query(5, -1)));
            assertTrue(matches(SQUARE, query(10, 10))); // a vertex intersects
            assertTrue(matches(SQUARE, query(0, 5))); // so does an edge
        }

        @Test
        void polygonCoordinatesAreLatitudeLongitude() {
            String strip = "{bounds: {__type: 'Polygon', coordinates: [[0, 0], [0, 40], [5, 40], [5, 0]]}}";
            assertTrue(matches(strip, query(2, 30)));
            assertFalse(matches(strip, query(30, 2)));
        }

        @Test
        void edgesAreGreatCircles() {
            // The edge from (10,0) to (10,40) bulges poleward to about 10.63 degrees at lng 20.
            String poly = "{bounds: {__type: 'Polygon', coordinates: [[10, 0], [10, 40], [-10, 40], [-10, 0]]}}";
            assertTrue(matches(poly, query(10.5, 20)));
            assertFalse(matches(poly, query(10.7, 20)));
            assertTrue(matches(poly, query(0, 20)));
        }

        @Test
        void polygonAcrossTheAntimeridian() {
            String poly = "{bounds: {__type: 'Polygon', coordinates: [[-5, 175], [-5, -175], [5, -175], [5, 175]]}}";
            assertTrue(matches(poly, query(0, 180)));
            assertTrue(matches(poly, query(0, -178)));
            assertFalse(matches(poly, query(0, 0)));
        }

        @Test
        void notAPolygon() {
            assertFalse(matches("{bounds: 'x'}", query(5, 5)));
            assertFalse(matches("{}", query(5, 5)));
        }

        @Test
        void validation() {
            assertError(
                    ParseError.INVALID_JSON,
                    "bad $geoIntersect value; $point should be GeoPoint",
                    SQUARE,
                    "{bounds: {$geoIntersects: {$point: [1, 2]}}}");
            assertError(ParseError.INTERNAL_SERVER_ERROR, null, SQUARE, query(95, 0));
        }
    }

    @Nested
    class Distance {
        @Test
        void haversineLikeTheJsSdk() {
            double d = QueryMatcher.distanceRadians(map(SF), map(point(34.0522, -118.2437)));
            assertEquals(559.1, d * 6371.0, 1.0);
            assertEquals(0.0, QueryMatcher.distanceRadians(map(SF), map(SF)), 1e-12);
            assertEquals(Math.PI, QueryMatcher.distanceRadians(map(point(90, 0)), map(point(-90, 0))), 1e-12);
            assertEquals(Math.PI, QueryMatcher.distanceRadians(map(point(0, 0)), map(point(0, 180))), 1e-12);
        }

        @Test
        void refusesNonGeoPoints() {
            assertThrows(IllegalArgumentException.class, () -> QueryMatcher.distanceRadians(map("{a: 1}"), map(SF)));
        }
    }
}
