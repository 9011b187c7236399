package dev.jakartaparse.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Polygon's ring as Parse Server stores it: closed, its last point the first one again. The
 * store closes what it writes; a value the server itself puts in an answer (a schema's default)
 * is closed here so that the answer shows what a later read returns.
 */
final class PolygonRings {
    private PolygonRings() {}

    /** The value with its ring closed when it is a Polygon with an open ring; anything else as it is. */
    static Object closed(Object value) {
        if (!(value instanceof Map<?, ?> m)
                || !"Polygon".equals(m.get("__type"))
                || !(m.get("coordinates") instanceof List<?> ring)
                || ring.isEmpty()
                || samePoint(ring.get(0), ring.get(ring.size() - 1))) {
            return value;
        }
        List<Object> closedRing = new ArrayList<>(ring);
        closedRing.add(ring.get(0));
        Map<Object, Object> copy = new LinkedHashMap<>(m);
        copy.put("coordinates", closedRing);
        return copy;
    }

    private static boolean samePoint(Object a, Object b) {
        return a instanceof List<?> p
                && b instanceof List<?> q
                && p.size() == 2
                && q.size() == 2
                && sameNumber(p.get(0), q.get(0))
                && sameNumber(p.get(1), q.get(1));
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }
}
