package dev.jakartaparse.livequery;

import dev.jakartaparse.core.json.Json;

import java.util.List;

/**
 * The server's frames, written field by field in Parse Server's order (op, clientId,
 * installationId, requestId, object, original) so that one object's JSON, serialized once per
 * event, is pasted into every subscriber's frame.
 */
final class Frames {
    private Frames() {}

    static String connected(String clientId, String installationId) {
        return head("connected", clientId, installationId).append('}').toString();
    }

    static String subscription(String op, String clientId, String installationId, Object requestId) {
        return head(op, clientId, installationId)
                .append(",\"requestId\":")
                .append(Json.writeString(requestId))
                .append('}')
                .toString();
    }

    /**
     * An event. {@code idFields} is the connection's {@link #idFields} and {@code requestIdJson} the
     * subscription's requestId as JSON, both made once, so a frame is plain concatenation.
     */
    static String event(String op, String idFields, String requestIdJson, String objectJson, String originalJson) {
        StringBuilder b = new StringBuilder(64
                        + idFields.length()
                        + objectJson.length()
                        + (originalJson == null ? 0 : originalJson.length()))
                .append("{\"op\":\"")
                .append(op)
                .append('"')
                .append(idFields)
                .append(",\"requestId\":")
                .append(requestIdJson)
                .append(",\"object\":")
                .append(objectJson);
        if (originalJson != null) {
            b.append(",\"original\":").append(originalJson);
        }
        return b.append('}').toString();
    }

    /** The answer to a query operation: the subscription's matching objects, each already JSON. */
    static String result(String idFields, String requestIdJson, List<String> objectsJson) {
        StringBuilder b = new StringBuilder("{\"op\":\"result\"")
                .append(idFields)
                .append(",\"requestId\":")
                .append(requestIdJson)
                .append(",\"results\":[");
        for (int i = 0; i < objectsJson.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(objectsJson.get(i));
        }
        return b.append("]}").toString();
    }

    /** ,"clientId":...[,"installationId":...] as every frame to this client carries them. */
    static String idFields(String clientId, String installationId) {
        String ids = ",\"clientId\":" + Json.writeString(clientId);
        return installationId == null ? ids : ids + ",\"installationId\":" + Json.writeString(installationId);
    }

    static String error(int code, String message, boolean reconnect, Object requestId) {
        return "{\"op\":\"error\",\"error\":" + Json.writeString(message) + ",\"code\":" + code + ",\"reconnect\":"
                + reconnect + ",\"requestId\":" + Json.writeString(requestId) + "}";
    }

    private static StringBuilder head(String op, String clientId, String installationId) {
        StringBuilder b = new StringBuilder(256)
                .append("{\"op\":\"")
                .append(op)
                .append("\",\"clientId\":")
                .append(Json.writeString(clientId));
        if (installationId != null) {
            b.append(",\"installationId\":").append(Json.writeString(installationId));
        }
        return b;
    }
}
