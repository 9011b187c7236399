package dev.jakartaparse.rest.resources;

import dev.jakartaparse.cloud.runtime.ScriptLog;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * REST: GET /scriptlog, master key only: the latest Cloud Code log lines, as Parse Dashboard reads
 * them. Parameters as in Parse Server: level (info, the default, gives every line; error only
 * errors), size or n (10 by default), from (a week ago by default), until (now), order (desc or asc).
 */
@Path("scriptlog")
@MasterKeyRequired
public class ScriptLogResource {

    @Inject
    ScriptLog log;

    @Context
    HttpServletRequest ctx;

    @GET
    public Response get() {
        ParseRequest req = ParseRequest.of(ctx);
        String size = text(req, "n") != null ? text(req, "n") : text(req, "size");
        Instant now = Instant.now();
        Instant from = instant(text(req, "from"), now.minus(Duration.ofDays(7)));
        Instant until = instant(text(req, "until"), now);
        return Responses.ok(log.query(text(req, "level"), count(size), from, until, "asc".equals(text(req, "order"))));
    }

    private static String text(ParseRequest req, String name) {
        Object value = req.param(name);
        return value == null ? null : String.valueOf(value);
    }

    /** Parse Server's Number(size) || 10. */
    private static int count(String size) {
        try {
            int n = (int) Double.parseDouble(size);
            return n > 0 ? n : 10;
        } catch (NumberFormatException | NullPointerException e) {
            return 10;
        }
    }

    /** A date as JavaScript's Date parses the common forms; anything else keeps the default. */
    private static Instant instant(String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException n) {
                return otherwise;
            }
        }
    }
}
