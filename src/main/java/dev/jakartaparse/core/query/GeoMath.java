package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.util.Map;

/**
 * Geometry for Parse's geo constraints. Distances are great-circle (haversine, as the JS SDK's
 * {@code GeoPoint.radiansTo}); {@code $box}/{@code $polygon} use MongoDB's flat legacy-coordinate
 * geometry; {@code $geoIntersects} tests a point against a GeoJSON polygon whose edges are great
 * circles, as MongoDB's 2dsphere does.
 */
final class GeoMath {
    private GeoMath() {}

    static final double EARTH_RADIUS_KM = 6371.0;
    /** Parse Server divides {@code $maxDistanceInMiles} by 3959 (the JS SDK's withinMiles uses 3958.8). */
    static final double EARTH_RADIUS_MILES = 3959.0;

    private static final double EPSILON = 1e-9;

    /** Great-circle distance in radians between two points given in degrees. */
    static double radiansBetween(double lat1, double lng1, double lat2, double lng2) {
        double d2r = Math.PI / 180.0;
        double sinDLat = Math.sin((lat1 - lat2) * d2r / 2);
        double sinDLng = Math.sin((lng1 - lng2) * d2r / 2);
        double a = sinDLat * sinDLat + Math.cos(lat1 * d2r) * Math.cos(lat2 * d2r) * sinDLng * sinDLng;
        return 2 * Math.asin(Math.sqrt(Math.min(1.0, a)));
    }

    /** {latitude, longitude} of a GeoPoint map, or null when {@code value} is not a usable GeoPoint. */
    static double[] latLng(Object value) {
        if (!ParseValues.isGeoPoint(value)) {
            return null;
        }
        Map<?, ?> point = (Map<?, ?>) value;
        double lat = ParseValues.toDouble(point.get("latitude"));
        double lng = ParseValues.toDouble(point.get("longitude"));
        return Double.isNaN(lat) || Double.isNaN(lng) ? null : new double[] {lat, lng};
    }

    /** Parse's GeoPoint validation; the SDK throws a TypeError, which Parse Server reports as code 1. */
    static void validate(double latitude, double longitude) {
        if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
            throw new ParseException(
                    ParseError.INTERNAL_SERVER_ERROR, "GeoPoint latitude and longitude must be valid numbers");
        }
        if (latitude < -90.0) {
            throw outOfBounds("latitude", latitude, " < -90.0.");
        }
        if (latitude > 90.0) {
            throw outOfBounds("latitude", latitude, " > 90.0.");
        }
        if (longitude < -180.0) {
            throw outOfBounds("longitude", longitude, " < -180.0.");
        }
        if (longitude > 180.0) {
            throw outOfBounds("longitude", longitude, " > 180.0.");
        }
    }

    private static ParseException outOfBounds(String what, double value, String bound) {
        return new ParseException(
                ParseError.INTERNAL_SERVER_ERROR, "GeoPoint " + what + " out of bounds: " + jsNumber(value) + bound);
    }

    /** Renders a number the way JavaScript does in messages (181, not 181.0). */
    static String jsNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    // ---------------------------------------------------------------- flat geometry (legacy pairs)

    /** Inclusive point-in-rectangle; the corners are normalised the way MongoDB's Box does. */
    static boolean inBox(double x, double y, double x1, double y1, double x2, double y2) {
        return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
    }

    /** Flat point-in-polygon (even-odd rule); points on an edge or vertex count as inside. */
    static boolean inPolygon(double x, double y, double[] xs, double[] ys) {
        int n = xs.length;
        boolean inside = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = xs[i];
            double yi = ys[i];
            double xj = xs[j];
            double yj = ys[j];
            if (onSegment(x, y, xj, yj, xi, yi)) {
                return true;
            }
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(double x, double y, double x1, double y1, double x2, double y2) {
        double cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
        double scale = Math.max(1.0, Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1)));
        if (Math.abs(cross) > EPSILON * scale * scale) {
            return false;
        }
        return x >= Math.min(x1, x2) - EPSILON
                && x <= Math.max(x1, x2) + EPSILON
                && y >= Math.min(y1, y2) - EPSILON
                && y <= Math.max(y1, y2) + EPSILON;
    }

    // ---------------------------------------------------------------- spherical polygon

    /**
     * Point in a polygon whose edges are great-circle arcs (GeoJSON on a sphere). Projects everything
     * gnomonically onto the plane tangent at the polygon's centre, where great circles become
     * straight lines, so the flat test is then exact. The interior is the side holding the centre,
     * i.e. the smaller region, as MongoDB assumes for single-ring polygons. Polygons reaching a
     * hemisphere away from their centre fall back to the flat test.
     */
    static boolean inSphericalPolygon(double lat, double lng, double[] lats, double[] lngs) {
        int n = lats.length;
        double[][] vertices = new double[n][];
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            vertices[i] = unitVector(lats[i], lngs[i]);
            cx += vertices[i][0];
            cy += vertices[i][1];
            cz += vertices[i][2];
        }
        double norm = Math.sqrt(cx * cx + cy * cy + cz * cz);
        if (norm < EPSILON) {
            return inPolygon(lng, lat, lngs, lats);
        }
        double[] centre = {cx / norm, cy / norm, cz / norm};
        for (double[] v : vertices) {
            if (dot(v, centre) <= EPSILON) {
                return inPolygon(lng, lat, lngs, lats);
            }
        }
        double[] p = unitVector(lat, lng);
        double pc = dot(p, centre);
        if (pc <= EPSILON) {
            return false; // farther than 90 degrees from a polygon that fits within that
        }
        double[] axis = Math.abs(centre[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] e1 = normalize(cross(centre, axis));
        double[] e2 = cross(centre, e1);
        double[] us = new double[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            double vc = dot(vertices[i], centre);
            us[i] = dot(vertices[i], e1) / vc;
            vs[i] = dot(vertices[i], e2) / vc;
        }
        return inPolygon(dot(p, e1) / pc, dot(p, e2) / pc, us, vs);
    }

    private static double[] unitVector(double lat, double lng) {
        double phi = Math.toRadians(lat);
        double lambda = Math.toRadians(lng);
        return new double[] {Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }
}
