package dev.jakartaparse.livequery;

import dev.jakartaparse.config.ParseConfigProducer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where LiveQuery listens: the same port as the REST API, on the mount path (the JS SDK's
 * default, ws://host:1337/parse) and on the bare root (ws://host:1337), as Parse Server does.
 * The WebSocket container finds this class in the WAR at deployment.
 */
public class LiveQueryEndpoints implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add("/");
        paths.add(mountPath());
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        for (String path : paths) {
            configs.add(ServerEndpointConfig.Builder.create(LiveQueryEndpoint.class, path)
                    .configurator(new HandshakeClientConfigurator())
                    .build());
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }

    private static String mountPath() {
        try {
            return ParseConfigProducer.read(ConfigProvider.getConfig()).mountPath();
        } catch (RuntimeException e) {
            return "/parse"; // the configuration error itself is reported by the start-up check
        }
    }
}
