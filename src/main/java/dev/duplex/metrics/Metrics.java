package dev.duplex.metrics;

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

/**
 * duplex's meters: one registry per running application (never Micrometer's global one, which would
 * outlive a redeploy), with the JVM's heap, threads, GC and CPU bound to it. The parts of duplex
 * register their own meters on {@link #registry()}; this class exposes them to Prometheus.
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

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
