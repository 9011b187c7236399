package dev.jakartaparse.rest.filters;

import dev.jakartaparse.model.ParseError;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request whose path cannot be decoded: 400 in Parse's error shape, with the CORS
 * headers every answer carries. Parse Server (Express) answers 400 {@code {"error":"Failed to decode
 * param '...'"}}; the path is not echoed here, so nothing of the request comes back.
 */
final class UndecodablePath {
    static final int CODE = ParseError.OTHER_CAUSE;
    static final String MESSAGE = "The request path has an invalid percent-encoding.";
    static final byte[] BODY =
            ("{\"code\":" + CODE + ",\"error\":\"" + MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8);

    private UndecodablePath() {}

    static void answer(HttpServletResponse response) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Allow-Methods", "GET,PUT,POST,DELETE,OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", CorsFilter.ALLOWED_HEADERS);
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
