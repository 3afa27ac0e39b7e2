package dev.duplex.web;

import dev.duplex.Duplex;
import dev.duplex.config.ConfigReader;
import dev.duplex.config.Settings;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.lang.System.Logger.Level;

/**
 * Starts duplex with the web application (settings, endpoints, servlets and filters, heartbeat) and
 * stops it with a goodbye.
 */
@WebListener
public final class DuplexListener implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(DuplexListener.class.getName());

    /** What every client is told with 1001 when duplex stops, on undeploy or server stop. */
    static final String GOODBYE = "server shutting down";

    // The container calls both methods on this one instance, not necessarily on one thread.
    private volatile Duplex duplex;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        OwnClasses.loadAll(context, DuplexListener.class.getClassLoader());
        Settings settings = Settings.read(ConfigReader.standard(context::getInitParameter));
        duplex = Duplex.start(settings);

        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("this container offers no Jakarta WebSocket server");
        }
        try {
            duplex.deployTo(container);
        } catch (DeploymentException e) {
            throw new IllegalStateException("cannot register duplex's WebSocket endpoints", e);
        }
        HttpRoutes.register(context, duplex);
        LOG.log(Level.INFO, "duplex started at {0}: {1}", context.getContextPath(), settings.summary());
    }

    /**
     * Undeploy or server stop: every open connection gets 1001 from duplex itself, because a
     * container may otherwise drop them without a close frame (Tyrus in a servlet container does).
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Duplex running = duplex;
        if (running != null) {
            duplex = null;
            int told = running.stop(GOODBYE); // said already, as a rule: see HandshakeFilter#destroy
            LOG.log(Level.INFO, "duplex stopped at {0}: {1} connections closed with 1001",
                    event.getServletContext().getContextPath(), told);
        }
    }
}
