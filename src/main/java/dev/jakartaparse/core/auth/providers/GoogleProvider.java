package dev.jakartaparse.core.auth.providers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Google Sign-In: authData {id, token} (an ID token), options {clientId}. */
@ApplicationScoped
public class GoogleProvider extends IdTokenProvider {

    @Override
    public String name() {
        return "google";
    }

    @Override
    String displayName() {
        return "Google";
    }

    @Override
    String defaultJwksUri() {
        return "https://www.googleapis.com/oauth2/v3/certs";
    }

    @Override
    List<String> issuers() {
        return List.of("accounts.google.com", "https://accounts.google.com");
    }

    @Override
    String issuerMessage(List<String> expected, Object iss) {
        return "id token not issued by correct provider - expected: " + String.join(" or ", expected) + " | from: "
                + iss;
    }
}
