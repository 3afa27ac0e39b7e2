package dev.duplex.web;

import dev.duplex.api.ApiServlet;
import dev.duplex.auth.TokenMinter;
import dev.duplex.config.Settings;
import dev.duplex.Duplex;
import dev.duplex.echo.EchoServlet;
import dev.duplex.health.HealthServlet;
import dev.duplex.metrics.MetricsServlet;
import dev.duplex.metrics.StatsServlet;
import dev.duplex.socket.EndpointPath;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every filter and servlet of duplex, built with the parts of the running application each one
 * needs and registered on the web application here, in one list: none is declared by annotation,
 * so none has to look the application up, and the endpoints' paths come from {@link EndpointPath}.
 */
final class HttpRoutes {

    private static final String EVERY_PATH = "/*";

    private HttpRoutes() {
    }

    static void register(ServletContext context, Duplex duplex) {
        // Mapped before the container's own upgrade filter (Tomcat's WsFilter and Tyrus's filter map
        // themselves after the application's), so that a refused handshake is never upgraded, as
        // annotated filters were. Payara puts each mapping made this way in front of those made
        // before it, so there they run in reverse order: they are independent of one another.
        filter(context, "http-dates", new HttpDatesFilter(), EVERY_PATH);
        filter(context, "security-headers", new SecurityHeadersFilter(), EVERY_PATH);
        filter(context, "asset-revalidation", new AssetRevalidationFilter(), "/assets/*");
        HandshakeGuard guard = new HandshakeGuard(new OriginPolicy(duplex.settings().allowedOrigins()),
                duplex.connections()::full);
        filter(context, "handshake", new HandshakeFilter(guard, duplex.signIn(), duplex.connections(),
                () -> duplex.goodbye(DuplexListener.GOODBYE)), EndpointPath.urlPatterns());

        servlet(context, "page", new PageServlet(), ""); // "": the context root itself
        servlet(context, "health", new HealthServlet(duplex::health, duplex.json()), "/health");
        servlet(context, "metrics", new MetricsServlet(duplex.metrics(), duplex.settings().metricsToken()), "/metrics");
        servlet(context, "stats", new StatsServlet(duplex::stats, duplex.json()), "/stats");
        Settings settings = duplex.settings();
        servlet(context, "api", new ApiServlet(settings.apiKey(), duplex.rooms(), TokenMinter.from(settings.auth(), Clock.systemUTC()),
                duplex.json(), settings.roomMaxBytes(), settings.roomHistory()), "/api/*")
                .setAsyncSupported(true); // it waits for Redis without holding a container thread
        // Plain HTTP on an endpoint's path: /echo answers it (as dwebsocket's views did), the others say 426.
        servlet(context, "echo-http", new EchoServlet(), EndpointPath.ECHO.urlPattern());
        String[] websocketOnly = Arrays.stream(EndpointPath.values()).filter(endpoint -> endpoint != EndpointPath.ECHO)
                .map(EndpointPath::urlPattern).toArray(String[]::new);
        servlet(context, "websocket-only", new UpgradeRequiredServlet(), websocketOnly);
    }

    private static void filter(ServletContext context, String name, Filter filter, String... urlPatterns) {
        FilterRegistration.Dynamic registration = context.addFilter(name, filter);
        if (registration == null) {
            throw new IllegalStateException("a filter named " + name + " is declared already, in WEB-INF/web.xml?");
        }
        registration.setAsyncSupported(true); // one filter without it would keep every request it sees from going async
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, urlPatterns);
    }

    private static ServletRegistration.Dynamic servlet(ServletContext context, String name, Servlet servlet,
            String... urlPatterns) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + name + " is declared already, in WEB-INF/web.xml?");
        }
        Set<String> taken = registration.addMapping(urlPatterns);
        if (!taken.isEmpty()) {
            throw new IllegalStateException(name + " cannot have " + taken + ": another servlet is mapped there");
        }
        return registration;
    }
}
