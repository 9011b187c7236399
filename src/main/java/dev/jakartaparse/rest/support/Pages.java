package dev.jakartaparse.rest.support;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.core.auth.AccountEmails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages a user opens from an email (verify, choose a new password, success, invalid link):
 * rendered from the templates in /pages with the request's values HTML-escaped, or, when
 * customPages names an URL for the page, a redirect there with the values as query parameters.
 */
@ApplicationScoped
public class Pages {
    /** The pages, with their customPages id, Parse Server's older name for it, template and title. */
    public enum Page {
        PASSWORD_RESET("passwordReset", "choosePassword", "password_reset", "Reset your password"),
        PASSWORD_RESET_SUCCESS(
                "passwordResetSuccess", "passwordResetSuccess", "password_reset_success", "Password changed"),
        PASSWORD_RESET_LINK_INVALID(
                "passwordResetLinkInvalid", "invalidLink", "password_reset_link_invalid", "Invalid link"),
        EMAIL_VERIFICATION_SUCCESS(
                "emailVerificationSuccess", "verifyEmailSuccess", "email_verification_success", "Email verified"),
        EMAIL_VERIFICATION_LINK_INVALID(
                "emailVerificationLinkInvalid",
                "invalidVerificationLink",
                "email_verification_link_invalid",
                "Invalid link"),
        EMAIL_VERIFICATION_SEND_SUCCESS(
                "emailVerificationSendSuccess", "linkSendSuccess", "email_verification_send_success", "Link sent"),
        EMAIL_VERIFICATION_SEND_FAIL(
                "emailVerificationSendFail", "linkSendFail", "email_verification_send_fail", "No link sent");

        final String id;
        final String legacyId;
        final String template;
        final String title;

        Page(String id, String legacyId, String template, String title) {
            this.id = id;
            this.legacyId = legacyId;
            this.template = template;
            this.title = title;
        }
    }

    private final Map<String, String> templates = new ConcurrentHashMap<>();

    @Inject
    ParseConfig config;

    @Inject
    AccountEmails emails;

    /** The page with its parameters (token, error, username...). */
    public Response page(Page page, Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.put("appId", config.appId());
        values.put("appName", emails.appName());
        values.put("publicServerUrl", config.publicUrl());
        String custom = config.email().customPages().get(page.id);
        if (custom == null) {
            custom = config.email().customPages().get(page.legacyId);
        }
        if (custom != null) {
            StringBuilder url = new StringBuilder(custom);
            char sep = custom.contains("?") ? '&' : '?';
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (e.getValue() != null && !e.getValue().isEmpty()) {
                    url.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
                    sep = '&';
                }
            }
            return Response.seeOther(URI.create(url.toString())).build();
        }
        String username = values.get("username");
        values.put("usernameNote", username == null || username.isEmpty() ? "" : " (" + username + ")");
        String body = fill(template(page.template), values);
        String html = fill(template("_layout"), Map.of("title", page.title, "appName", values.get("appName")))
                .replace("{{body}}", body);
        return Response.ok(html, "text/html; charset=utf-8")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .build();
    }

    private String template(String name) {
        return templates.computeIfAbsent(name, n -> {
            try (InputStream in = Pages.class.getResourceAsStream("/pages/" + n + ".html")) {
                if (in == null) {
                    throw new IllegalStateException("missing page template " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Replaces each {{name}} with its value, HTML-escaped; placeholders without a value become empty. */
    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", escape(e.getValue()));
        }
        return out.replaceAll("\\{\\{(?!body}})[a-zA-Z]+}}", "");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
