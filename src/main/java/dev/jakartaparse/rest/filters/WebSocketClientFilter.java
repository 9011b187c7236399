package dev.jakartaparse.rest.filters;

import dev.jakartaparse.config.ParseConfig;
import dev.jakartaparse.livequery.HandshakeClients;
import dev.jakartaparse.livequery.HandshakeClients.HandshakeClient;
import dev.jakartaparse.rest.support.IpMatcher;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Tells a LiveQuery connection who opened it: the client's address, and whether a master key
 * from it counts (masterKeyIps, as for REST). The WebSocket container runs the handshake inside
 * this filter's chain, on this thread.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class WebSocketClientFilter extends HttpFilter {

    @Inject
    ParseConfig config;

    @Inject
    HandshakeClients handshakes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String ip = request.getRemoteAddr();
        handshakes.enter(new HandshakeClient(ip, ip != null && IpMatcher.anyMatches(config.masterKeyIps(), ip)));
        try {
            chain.doFilter(request, response);
        } finally {
            handshakes.leave();
        }
    }
}
