package dev.jakartaparse.rest;

import dev.jakartaparse.config.ParseConfig;
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
    /** Parse Server's older customPages names for the same pages. */
    private static final Map<String, String> LEGACY = Map.of(
            "passwordReset", "choosePassword", "passwordResetLinkInvalid", "invalidLink",
            "emailVerificationSuccess", "verifyEmailSuccess", "emailVerificationLinkInvalid", "invalidVerificationLink",
            "emailVerificationSendSuccess", "linkSendSuccess", "emailVerificationSendFail", "linkSendFail");
    private static final Map<String, String> TITLES = Map.of(
            "passwordReset", "Reset your password", "passwordResetSuccess", "Password changed",
            "passwordResetLinkInvalid", "Invalid link", "emailVerificationSuccess", "Email verified",
            "emailVerificationLinkInvalid", "Invalid link", "emailVerificationSendSuccess", "Link sent",
            "emailVerificationSendFail", "No link sent");
    private static final Map<String, String> FILES = Map.of(
            "passwordReset", "password_reset", "passwordResetSuccess", "password_reset_success",
            "passwordResetLinkInvalid", "password_reset_link_invalid", "emailVerificationSuccess", "email_verification_success",
            "emailVerificationLinkInvalid", "email_verification_link_invalid",
            "emailVerificationSendSuccess", "email_verification_send_success",
            "emailVerificationSendFail", "email_verification_send_fail");

    private final Map<String, String> templates = new ConcurrentHashMap<>();

    @Inject
    ParseConfig config;

    /** The page with the given id (e.g. "passwordReset") and parameters (token, error, username...). */
    public Response page(String id, Map<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.put("appId", config.appId());
        values.put("appName", config.email().appName() == null ? "Parse" : config.email().appName());
        values.put("publicServerUrl", config.publicUrl());
        String custom = config.email().customPages().get(id);
        if (custom == null) {
            custom = config.email().customPages().get(LEGACY.getOrDefault(id, id));
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
        String body = fill(template(FILES.get(id)), values);
        String html = fill(template("_layout"), Map.of("title", TITLES.get(id), "appName", values.get("appName")))
                .replace("{{body}}", body);
        return Response.ok(html, "text/html; charset=utf-8").header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store").build();
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
