package dev.jakartaparse.core.auth.providers;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Sign in with Apple: authData {id, token}, options {clientId}. */
@ApplicationScoped
public class AppleProvider extends IdTokenProvider {

    @Override
    public String name() {
        return "apple";
    }

    @Override
    String displayName() {
        return "Apple";
    }

    @Override
    String defaultJwksUri() {
        return "https://appleid.apple.com/auth/keys";
    }

    @Override
    List<String> issuers() {
        return List.of("https://appleid.apple.com");
    }
}
