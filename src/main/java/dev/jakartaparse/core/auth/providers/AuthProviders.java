package dev.jakartaparse.core.auth.providers;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The enabled auth providers: anonymous (unless enableAnonymousUsers is false) and every provider
 * named under the auth option that a CDI bean implements.
 */
@ApplicationScoped
public class AuthProviders {

    ParseConfig config;
    Instance<AuthProvider> beans;

    @Inject
    public AuthProviders(ParseConfig config, @Any Instance<AuthProvider> beans) {
        this.config = config;
        this.beans = beans;
    }

    /** For the CDI client proxy only (the reason the fields are not final). */
    protected AuthProviders() {}

    /** Validates one provider's authData; 252 when the provider is not enabled here. */
    public void validate(String provider, Map<String, Object> authData) {
        AuthProvider bean = enabled(provider);
        if (bean == null) {
            throw unsupported();
        }
        bean.validateAuthData(authData, options(provider));
    }

    public boolean isEnabled(String provider) {
        return enabled(provider) != null;
    }

    /** The provider's bean when it is enabled (configured under auth, or anonymous by default), else null. */
    private AuthProvider enabled(String provider) {
        Map<String, Object> configured = config.accounts().auth();
        Object options = configured == null ? null : configured.get(provider);
        boolean on = options instanceof Map<?, ?> m
                ? !Boolean.FALSE.equals(m.get("enabled"))
                : "anonymous".equals(provider) && config.accounts().enableAnonymousUsers();
        return on ? find(provider) : null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> options(String provider) {
        Map<String, Object> configured = config.accounts().auth();
        return configured != null && configured.get(provider) instanceof Map<?, ?> m
                ? (Map<String, Object>) m
                : Map.of();
    }

    private AuthProvider find(String provider) {
        for (AuthProvider p : beans) {
            if (p.name().equals(provider)) {
                return p;
            }
        }
        return null;
    }

    public static ParseException unsupported() {
        return new ParseException(ParseError.UNSUPPORTED_SERVICE, "This authentication method is unsupported.");
    }
}
