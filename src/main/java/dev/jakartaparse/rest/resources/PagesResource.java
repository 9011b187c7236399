package dev.jakartaparse.rest.resources;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.AccountEmails;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import dev.jakartaparse.rest.support.Pages;
import dev.jakartaparse.rest.support.Pages.Page;
import dev.jakartaparse.rest.support.Responses;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The links in account emails (no keys needed, as in Parse Server): /apps/{appId}/verify_email,
 * /apps/{appId}/request_password_reset (the form, and its submission), and
 * /apps/{appId}/resend_verification_email.
 */
@Path("apps/{appId}")
public class PagesResource {

    @Inject
    ParseConfig config;

    @Inject
    AccountEmails emails;

    @Inject
    Pages pages;

    @GET
    @Path("verify_email")
    public Response verifyEmail(@PathParam("appId") String appId, @QueryParam("token") String token) {
        if (!config.appId().equals(appId) || !emails.verifyEmail(token)) {
            return pages.page(Page.EMAIL_VERIFICATION_LINK_INVALID, Map.of());
        }
        return pages.page(Page.EMAIL_VERIFICATION_SUCCESS, Map.of());
    }

    @POST
    @Path("resend_verification_email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendVerification(@PathParam("appId") String appId, @FormParam("username") String username) {
        boolean sent = config.appId().equals(appId) && emails.resendVerificationForUsername(username);
        return pages.page(
                sent || config.email().emailVerifySuccessOnInvalidEmail()
                        ? Page.EMAIL_VERIFICATION_SEND_SUCCESS
                        : Page.EMAIL_VERIFICATION_SEND_FAIL,
                Map.of());
    }

    @GET
    @Path("request_password_reset")
    public Response passwordResetForm(@PathParam("appId") String appId, @QueryParam("token") String token) {
        try {
            if (!config.appId().equals(appId)) {
                throw new IllegalArgumentException("unknown app");
            }
            Map<String, Object> user = emails.userForResetToken(token);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("token", token);
            params.put("username", (String) user.get("username"));
            return pages.page(Page.PASSWORD_RESET, params);
        } catch (IllegalArgumentException e) {
            return pages.page(Page.PASSWORD_RESET_LINK_INVALID, Map.of());
        }
    }

    @POST
    @Path("request_password_reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetPassword(
            @PathParam("appId") String appId,
            @FormParam("token") String token,
            @FormParam("new_password") String newPassword,
            @HeaderParam("X-Requested-With") String requestedWith) {
        boolean xhr = "XMLHttpRequest".equals(requestedWith);
        if (!config.appId().equals(appId)
                || token == null
                || token.isEmpty()
                || newPassword == null
                || newPassword.isEmpty()) {
            if (xhr) {
                return Responses.error(
                        new ParseException(
                                token == null || token.isEmpty() ? ParseError.OTHER_CAUSE : ParseError.PASSWORD_MISSING,
                                token == null || token.isEmpty() ? "Missing token" : "Missing password"),
                        config.enableSanitizedErrorResponse());
            }
            return pages.page(Page.PASSWORD_RESET_LINK_INVALID, Map.of());
        }
        try {
            emails.resetPassword(token, newPassword);
        } catch (IllegalArgumentException e) {
            if (xhr) {
                return Responses.error(
                        new ParseException(ParseError.OTHER_CAUSE, e.getMessage()),
                        config.enableSanitizedErrorResponse());
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("token", token);
            params.put("error", e.getMessage());
            return pages.page(Page.PASSWORD_RESET, params);
        }
        if (xhr) {
            return Response.ok("\"Password successfully reset\"", MediaType.APPLICATION_JSON + "; charset=utf-8")
                    .build();
        }
        return pages.page(Page.PASSWORD_RESET_SUCCESS, Map.of());
    }
}
