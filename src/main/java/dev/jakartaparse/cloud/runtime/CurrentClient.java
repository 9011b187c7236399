package dev.jakartaparse.cloud.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import dev.jakartaparse.cloud.Client;

/** The {@link Client} of the HTTP request being served on this thread, if there is one. */
@ApplicationScoped
public class CurrentClient {

    @Inject
    Instance<HttpServletRequest> http;

    public Client get() {
        try {
            HttpServletRequest request = http.get();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", Collections.list(request.getHeaders(name))));
            }
            return new Client(request.getRemoteAddr(), Map.copyOf(headers));
        } catch (RuntimeException e) {
            return Client.NONE; // no HTTP request on this thread
        }
    }
}
