package dev.jakartaparse.rest.support;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.ParseException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into Parse's error JSON; nothing else (no stack trace) reaches a client. */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {}

    @Provider
    public static class ParseErrors implements ExceptionMapper<ParseException> {
        @Inject
        ParseConfig config;

        @Override
        public Response toResponse(ParseException e) {
            return Responses.error(e, config.enableSanitizedErrorResponse());
        }
    }

    @Provider
    public static class HttpErrors implements ExceptionMapper<HttpError> {
        @Override
        public Response toResponse(HttpError e) {
            return Responses.error(e, true);
        }
    }

    /** Routing failures (no such resource or method) look like Express's 404 for an unknown route. */
    @Provider
    public static class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uriInfo;

        @Context
        Request request;

        @Inject
        ParseConfig config;

        @Override
        public Response toResponse(WebApplicationException e) {
            if (e instanceof NotFoundException || e instanceof NotAllowedException) {
                String mount = "/".equals(config.mountPath()) ? "" : config.mountPath();
                return Responses.notFound(
                        request.getMethod(), mount + "/" + uriInfo.getPath().replaceFirst("^/+", ""));
            }
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Request failed", e);
                return Responses.internalError();
            }
            return clientMistake(status, e);
        }
    }

    /**
     * What JAX-RS refuses before a resource runs (a body it cannot read, a type a form route does not
     * take): Parse's HTTP-level shape with the status's own words, as Express's body parser answers;
     * RESTEasy's own text names its classes, so it stays in the log, on one line.
     */
    static Response clientMistake(int status, Exception e) {
        LOG.fine(() -> "Refused request (" + status + "): " + e);
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Bad Request" : type.getReasonPhrase();
        return Responses.json(status, Map.of("error", reason));
    }

    /** A request body JAX-RS could not read into a resource's parameter. */
    @Provider
    public static class Unreadable implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return clientMistake(400, e);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.SEVERE, "Uncaught internal server error", e);
            return Responses.internalError();
        }
    }
}
