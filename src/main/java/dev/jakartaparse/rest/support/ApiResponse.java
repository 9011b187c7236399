package dev.jakartaparse.rest.support;

import jakarta.ws.rs.core.Response;

/** What an API operation answers: status, JSON body and (for creates) a Location. */
public record ApiResponse(int status, Object body, String location) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body, null);
    }

    public Response toResponse() {
        Response r = Responses.json(status, body);
        if (location != null) {
            return Response.fromResponse(r).header("Location", location).build();
        }
        return r;
    }
}
