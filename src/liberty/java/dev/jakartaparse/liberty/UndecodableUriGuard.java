package dev.jakartaparse.liberty;

import com.ibm.wsspi.http.HttpContainer;
import com.ibm.wsspi.http.HttpInboundConnection;
import com.ibm.wsspi.http.HttpResponse;
import com.ibm.wsspi.http.VirtualHost;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Answers, in Parse's error shape, the request paths Open Liberty's web container refuses before any
 * application code runs (it writes its own CWWWC0005I page from WebContainer.handleRequest when the
 * URI does not decode or its Servlet 6 canonicalization fails; no error page, filter or setting
 * reaches that point). Registered on every virtual host as a container ahead of the web container:
 * the HTTP dispatcher asks the containers in turn and the first runnable wins, so this one returns
 * a runnable only for such a path and null for every other.
 */
public final class UndecodableUriGuard implements BundleActivator, HttpContainer {
    private static final byte[] BODY = "{\"code\":-1,\"error\":\"The request path has an invalid percent-encoding.\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String ALLOWED_HEADERS = "X-Parse-Master-Key, X-Parse-REST-API-Key, X-Parse-Javascript-Key, "
            + "X-Parse-Application-Id, X-Parse-Client-Version, X-Parse-Session-Token, X-Requested-With, "
            + "X-Parse-Revocable-Session, X-Parse-Request-Id, Content-Type, Pragma, Cache-Control";

    private ServiceTracker<VirtualHost, VirtualHost> hosts;

    @Override
    public void start(BundleContext context) {
        hosts = new ServiceTracker<VirtualHost, VirtualHost>(context, VirtualHost.class, null) {
            @Override
            public VirtualHost addingService(ServiceReference<VirtualHost> reference) {
                VirtualHost host = super.addingService(reference);
                host.addContextRoot("/", UndecodableUriGuard.this);
                return host;
            }

            @Override
            public void removedService(ServiceReference<VirtualHost> reference, VirtualHost host) {
                host.removeContextRoot("/", UndecodableUriGuard.this);
                super.removedService(reference, host);
            }
        };
        hosts.open();
    }

    @Override
    public void stop(BundleContext context) {
        hosts.close();
    }

    @Override
    public Runnable createRunnableHandler(HttpInboundConnection connection) {
        String uri = connection.getRequest().getURI();
        return uri == null || LibertyRefusedPath.accepted(uri) ? null : () -> answer(connection);
    }

    private static void answer(HttpInboundConnection connection) {
        try {
            HttpResponse response = connection.getResponse();
            response.setStatus(400);
            response.setReason("Bad Request");
            response.setHeader("Content-Type", "application/json;charset=utf-8");
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Access-Control-Allow-Methods", "GET,PUT,POST,DELETE,OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setContentLength(BODY.length);
            OutputStream body = response.getBody();
            body.write(BODY);
            body.close();
            connection.finish(null);
        } catch (Exception e) {
            connection.finish(e);
        }
    }
}
