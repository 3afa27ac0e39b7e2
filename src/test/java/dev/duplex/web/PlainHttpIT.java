package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.it.DeployedWar;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a plain HTTP client (no WebSocket upgrade) gets from the deployed WAR. */
class PlainHttpIT extends DeployedWar {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // a plain HTTP/1.1 client: no h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final Pattern RELATIVE_IMPORT = Pattern.compile("\\bfrom '\\./([\\w-]+\\.js)'");

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(20)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void pageIsServedAsHtmlAtTheContextRoot() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page::toString);
        assertTrue(page.body().contains("id=\"echo\"") && page.body().contains("id=\"room\""), "the three panels");
    }

    @Test
    void pageAssetsAreServedFromTheWar() throws Exception {
        HttpResponse<String> script = get("assets/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"), script::toString);
        assertEquals(200, get("assets/app.css").statusCode());
    }

    @Test
    void everyModuleThePageImportsIsServedAsJavaScript() throws Exception {
        // A browser runs a module only if its type is JavaScript's, so a wrong one in any module
        // would leave its panel, or the whole page, dead.
        List<String> modules = pageModules();
        assertTrue(modules.size() > 1, "app.js imports the panels' modules: " + modules);
        for (String module : modules) {
            assertTrue(contentType(get(module)).contains("javascript"), module + ": " + contentType(get(module)));
        }
    }

    @Test
    void everyAssetIsRevalidatedOnEveryLoadSoModulesOfTwoVersionsNeverMeet() throws Exception {
        List<String> assets = new ArrayList<>(pageModules());
        assets.add("assets/app.css");
        for (String asset : assets) {
            assertEquals("no-cache", get(asset).headers().firstValue("Cache-Control").orElse(""), asset);
        }
    }

    /** app.js and every module it imports, and they import, as a browser finds them. */
    private List<String> pageModules() throws Exception {
        Deque<String> toFetch = new ArrayDeque<>(List.of("assets/app.js"));
        List<String> found = new ArrayList<>();
        while (!toFetch.isEmpty()) {
            String path = toFetch.pop();
            if (found.contains(path)) {
                continue;
            }
            HttpResponse<String> module = get(path);
            assertEquals(200, module.statusCode(), path);
            found.add(path);
            Matcher imports = RELATIVE_IMPORT.matcher(module.body());
            while (imports.find()) {
                toFetch.add("assets/" + imports.group(1));
            }
        }
        return found;
    }

    @Test
    void anAssetChangedSinceTheClientsCopyIsSentWhole() throws Exception {
        ZonedDateTime lastModified = ZonedDateTime.parse(get("assets/app.css").headers().firstValue("Last-Modified")
                .orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
        HttpRequest request = HttpRequest.newBuilder(base().resolve("assets/app.css"))
                .header("If-Modified-Since", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.minusDays(1)))
                .timeout(Duration.ofSeconds(20)).build();
        assertEquals(200, HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void assetsRevalidatedByManyClientsAtOnceAnswerNotModified() throws Exception {
        // Browsers revalidate cached assets with If-Modified-Since, several at a time. Each request has
        // a date of its own: Payara reads a date it has seen before from a cache, and only a new one
        // goes through its date parser, whose concurrent use this is about.
        ZonedDateTime lastModified = ZonedDateTime.parse(get("assets/app.js").headers().firstValue("Last-Modified")
                .orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String path = i % 2 == 0 ? "assets/app.js" : "assets/app.css";
                String since = DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.plusSeconds(i));
                answers.add(clients.submit(() -> HTTP.send(HttpRequest.newBuilder(base().resolve(path))
                        .header("If-Modified-Since", since).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(304, 400), statuses);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void thePageAndItsAssetsForbidForeignScriptsSniffingAndReferrers() throws Exception {
        for (String path : new String[] {"", "assets/app.js", "assets/app.css"}) {
            HttpResponse<String> answer = get(path);
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'")
                    && policy.contains("connect-src 'self'") && !policy.contains("unsafe-inline"), path + ": " + policy);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
    }

    @Test
    void thePageHasNoInlineScript() throws Exception {
        String page = get("").body();
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "every <script> has a src");
        assertFalse(page.contains(" on") && page.matches("(?s).*\\son[a-z]+=.*"), "no inline event handlers");
    }

    @Test
    void getOnEchoWithAMessageAnswersItAsUtf8Text() throws Exception {
        HttpResponse<String> echo = get("echo?message=" + URLEncoder.encode("你好", StandardCharsets.UTF_8));
        assertEquals(200, echo.statusCode());
        assertEquals("text/plain;charset=utf-8", contentType(echo));
        assertEquals("你好", echo.body());
    }

    @Test
    void getOnEchoWithoutAMessageIs400WithOneLine() throws Exception {
        HttpResponse<String> echo = get("echo");
        assertEquals(400, echo.statusCode());
        assertTrue(echo.body().contains("message"), echo.body());
        assertFalse(echo.body().strip().contains("\n"), "one line: " + echo.body());
    }

    @Test
    void getOnRewriteIs426UpgradeToWebSocket() throws Exception {
        assertUpgradeRequired("rewrite");
    }

    @Test
    void getOnARoomIs426UpgradeToWebSocket() throws Exception {
        assertUpgradeRequired("room/lobby");
    }

    /** Reads the status and headers only: on Payara the body of a response with Upgrade has no end (see the servlet). */
    private void assertUpgradeRequired(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(20)).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        assertEquals(426, response.statusCode());
        assertEquals("websocket", response.headers().firstValue("Upgrade").orElse("").toLowerCase());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    }
}
