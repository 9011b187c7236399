package dev.jakartaparse.rest.resources;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.files.FileService;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.filters.ParseRequestFilter;
import dev.jakartaparse.rest.routing.MasterKeyRequired;
import dev.jakartaparse.rest.support.ApiResponse;
import dev.jakartaparse.rest.support.MountUrl;
import dev.jakartaparse.rest.support.ParseRequest;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * REST: files. POST /files/{name} uploads the request body (or, as the JavaScript SDK sends it, a
 * JSON body with {@code base64} and {@code _ContentType}) and answers 201 {"url","name"};
 * GET /files/{appId}/{name} serves it to anyone who has the URL; DELETE /files/{name} needs the
 * master key.
 */
@Path("files")
public class FilesResource {

    @Inject
    FileService files;

    @Inject
    ParseConfig config;

    @Inject
    MountUrl mountUrl;

    @Context
    HttpServletRequest ctx;

    @POST
    public Response noName() {
        throw new ParseException(ParseError.INVALID_FILE_NAME, "Filename not provided.");
    }

    @POST
    @Path("{filename}")
    @MasterKeyRequired
    public Response upload(@PathParam("filename") String filename) {
        ParseRequest req = ParseRequest.of(ctx);
        byte[] data = (byte[]) ctx.getAttribute(ParseRequestFilter.RAW_BODY);
        String contentType = ctx.getContentType();
        Map<String, Object> body = req.body();
        // The JavaScript SDK sends keys and file in a JSON body instead of headers and raw bytes.
        if (ctx.getHeader("X-Parse-Application-Id") == null && body.get("base64") instanceof String base64) {
            try {
                data = Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new ParseException(ParseError.FILE_SAVE_ERROR, "Invalid file upload.");
            }
            contentType = body.get("_ContentType") instanceof String t ? t : null;
        }
        FileService.Saved saved = files.upload(filename, data, contentType, req.requestContext(mountUrl.of(ctx)));
        return new ApiResponse(201, saved.toJson(), saved.url()).toResponse();
    }

    @GET
    @Path("{appId}/{filename: .+}")
    public Response download(@PathParam("appId") String appId, @PathParam("filename") String filename) {
        if (!config.appId().equals(appId)) {
            return Responses.json(403, Map.of("error", "Permission denied"));
        }
        Optional<byte[]> data = files.download(filename);
        if (data.isEmpty()) {
            return Response.status(404)
                    .type("text/plain")
                    .entity("File not found.")
                    .build();
        }
        // As Parse Server: the browser must not guess another type (an uploaded .txt run as HTML, say).
        return Response.ok(data.get(), FileService.contentTypeOf(filename))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @DELETE
    @Path("{filename: .+}")
    @MasterKeyRequired
    public Response delete(@PathParam("filename") String filename) {
        ParseRequest req = ParseRequest.of(ctx);
        files.delete(filename, req.requestContext(null));
        return Responses.ok(new LinkedHashMap<>());
    }
}
