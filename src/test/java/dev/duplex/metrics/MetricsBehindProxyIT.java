package dev.duplex.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.Deployments;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may read {@code /metrics}, seen from outside the machine. The tests reach the server on
 * loopback only, so the WAR is deployed the way it runs behind a reverse proxy: Tomcat's
 * RemoteIpValve takes the caller's address from {@code X-Forwarded-For}, and a caller forwarded
 * from 203.0.113.7 is, to duplex, a remote one. Tomcat only (Payara has no such valve).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsBehindProxyIT {

    private static final String TOKEN = "t0ken-for-the-test";
    private static final String REMOTE_CALLER = "203.0.113.7";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive war() {
        String contextXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <JarScanner scanClassPath="false"><JarScanFilter tldSkip="*" pluggabilitySkip="*"/></JarScanner>
                  <Valve className="org.apache.catalina.valves.RemoteIpValve"/>
                  <Parameter name="duplex.metrics.token" value="%s" override="false"/>
                </Context>
                """.formatted(TOKEN);
        return ShrinkWrap.create(WebArchive.class, "duplex-proxied.war").merge(Deployments.builtWar())
                .addAsManifestResource(new StringAsset(contextXml), "context.xml");
    }

    @ArquillianResource
    private URL deployed;

    @Test
    void aRemoteCallerWithoutTheTokenIsRefusedWith403() throws Exception {
        HttpResponse<String> answer = metrics(REMOTE_CALLER, null);
        assertEquals(403, answer.statusCode());
        assertTrue(answer.body().contains("DUPLEX_METRICS_TOKEN"), answer.body());
    }

    @Test
    void aRemoteCallerWithAWrongTokenIsRefusedWith403() throws Exception {
        assertEquals(403, metrics(REMOTE_CALLER, "Bearer not-" + TOKEN).statusCode());
    }

    @Test
    void aRemoteCallerWithTheBearerTokenGetsTheMetrics() throws Exception {
        HttpResponse<String> answer = metrics(REMOTE_CALLER, "Bearer " + TOKEN);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("duplex_connections{"), answer.body());
    }

    @Test
    void aLoopbackCallerNeedsNoToken() throws Exception {
        assertEquals(200, metrics(null, null).statusCode());
    }

    private HttpResponse<String> metrics(String forwardedFor, String authorization) throws Exception {
        URI metrics = Deployments.loopbackUri(deployed).resolve("metrics");
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(20));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
