package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reading the Prometheus text format in tests: checked with the parser of Prometheus's Python client
 * library (Debian's python3-prometheus-client; more lenient than the Prometheus server's own, but
 * it rejects malformed lines, names and labels), and looked up sample by sample.
 */
public final class PrometheusText {

    private static final File PYTHON = new File("/usr/bin/python3");
    private static final String PARSE = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                print(family.name, family.type, len(family.samples))
            """;
    // name{labels} value: the labels as Prometheus writes them, no '}' inside our label values.
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    /** Why the parser cannot run here, or null if it can; see {@link RequiredTool}. */
    public static String parserMissing() throws IOException, InterruptedException {
        if (PYTHON.canExecute() && run("import prometheus_client.parser", "").exitValue() == 0) {
            return null;
        }
        return RequiredTool.missing("the Prometheus client's parser not found: this test needs " + PYTHON
                + " with prometheus_client (Debian: apt-get install python3-prometheus-client)");
    }

    /**
     * The metric families the parser reads from {@code exposition}, as {@code name type
     * samples} lines; fails the test with the parser's error if it cannot read it.
     */
    public static List<String> parse(String exposition) throws IOException, InterruptedException {
        Process parser = run(PARSE, exposition);
        String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(parser.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, parser.exitValue(), "the Prometheus client's parser refused the exposition:\n" + err);
        return out.lines().toList();
    }

    private static Process run(String script, String input) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(PYTHON.getPath(), "-c", script).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!python.waitFor(30, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new IOException("python3 did not finish in 30 s");
        }
        return python;
    }

    /**
     * Every sample by series, written {@code name{a="1",b="2"}} with the labels sorted by name, or
     * just {@code name} without labels.
     */
    public static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new TreeMap<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new AssertionError("not a sample line: " + line);
            }
            samples.put(series(sample.group(1), labels(sample.group(2))), Double.parseDouble(sample.group(3)));
        });
        return samples;
    }

    /** Every sample of {@code metrics}, scraped in the JVM, as {@link #samples(String)} gives them. */
    public static Map<String, Double> samples(Metrics metrics) throws IOException {
        ByteArrayOutputStream exposition = new ByteArrayOutputStream();
        metrics.scrape(exposition);
        return samples(exposition.toString(StandardCharsets.UTF_8));
    }

    /** The key of {@link #samples}: {@code series("duplex_connections", "endpoint", "echo")}. */
    public static String series(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return series(name, labels);
    }

    private static String series(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels.entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> labels = new TreeMap<>();
        if (braces != null) {
            Matcher label = LABEL.matcher(braces);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
