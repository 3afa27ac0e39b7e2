package dev.duplex.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * duplex's meters: one registry per running application (never Micrometer's global one, which would
 * outlive a redeploy), with the JVM's heap, threads, GC and CPU bound to it. The parts of duplex
 * register their own meters on {@link #registry()}; this class exposes them to Prometheus and
 * reads a few back for the page's stats view.
 */
public final class Metrics implements AutoCloseable {

    /** Prometheus's text exposition format, version 0.0.4: what every Prometheus server scrapes. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Listens to the platform's GC notifications: it must be closed, or it would pin this WAR's classes.
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Writes every meter in the Prometheus text format. */
    public void scrape(OutputStream out) throws IOException {
        registry.scrape(out, PROMETHEUS_TEXT);
    }

    /** The figures of the page's stats view, read from the same meters Prometheus gets. */
    public Stats stats(Duration uptime, List<String> endpoints) {
        return new Stats(uptime,
                perEndpoint(endpoints, endpoint -> gauge("duplex.connections", endpoint)),
                perEndpoint(endpoints, endpoint -> counter("duplex.messages.received", endpoint)),
                perEndpoint(endpoints, endpoint -> counter("duplex.messages.sent", endpoint)),
                (long) gauge("duplex.rooms", null),
                (long) gauge("duplex.room.members", null));
    }

    private static Map<String, Long> perEndpoint(List<String> endpoints, Function<String, Double> value) {
        Map<String, Long> values = new LinkedHashMap<>(); // in the endpoints' order
        endpoints.forEach(endpoint -> values.put(endpoint, value.apply(endpoint).longValue()));
        return values;
    }

    private double gauge(String name, String endpoint) {
        Gauge gauge = (endpoint == null ? registry.find(name) : registry.find(name).tag("endpoint", endpoint)).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double counter(String name, String endpoint) {
        Counter counter = registry.find(name).tag("endpoint", endpoint).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
