package dev.duplex.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's findings: one table, duplex beside the bare endpoint, as Markdown and as JSON. */
final class Report {

    /** One figure of both targets; {@code bare} is NaN where the baseline has no counterpart. */
    record Row(String scenario, String unit, double bare, double duplex, String note) {
        /** NaN where there is nothing to divide by: no baseline, or a baseline of zero (a stalled room). */
        double ratio() {
            double ratio = duplex / bare;
            return Double.isFinite(ratio) ? ratio : Double.NaN;
        }
    }

    private final String machine;
    private final Path markdown;
    private final Path json;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String machine, Path markdown, Path json) {
        this.machine = machine;
        this.markdown = markdown;
        this.json = json;
    }

    void row(String scenario, String unit, double bare, double duplex, String note) {
        rows.add(new Row(scenario, unit, bare, duplex, note));
        System.out.printf(Locale.ROOT, "BENCH %-55s %-18s bare %12.1f duplex %12.1f %s%n", scenario, unit, bare, duplex, note);
    }

    void note(String note) {
        notes.add(note);
    }

    /** Writes what is known so far: a part that fails later loses none of the figures before it. */
    void write() throws IOException {
        StringBuilder md = new StringBuilder("# duplex against the bare container\n\n").append(machine).append("\n\n")
                .append("| scenario | unit | bare endpoint | duplex | duplex ÷ bare | |\n|---|---|---:|---:|---:|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.scenario()).append(" | ").append(row.unit()).append(" | ")
                    .append(format(row.bare())).append(" | ").append(format(row.duplex())).append(" | ")
                    .append(Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f×", row.ratio()))
                    .append(" | ").append(row.note()).append(" |\n");
        }
        notes.forEach(note -> md.append("\n").append(note).append("\n"));
        Files.writeString(markdown, md);

        JsonArrayBuilder figures = Json.createArrayBuilder();
        for (Row row : rows) {
            JsonObjectBuilder figure = Json.createObjectBuilder().add("scenario", row.scenario()).add("unit", row.unit())
                    .add("note", row.note());
            addNumber(figure, "bare", row.bare());
            addNumber(figure, "duplex", row.duplex());
            addNumber(figure, "ratio", row.ratio());
            figures.add(figure);
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createGenerator(out)) {
            generator.write(Json.createObjectBuilder().add("machine", machine).add("figures", figures)
                    .add("notes", Json.createArrayBuilder(notes)).build());
        }
        Files.writeString(json, out.toString());
    }

    private static void addNumber(JsonObjectBuilder object, String name, double value) {
        if (Double.isFinite(value)) {
            object.add(name, value);
        } else {
            object.addNull(name);
        }
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        boolean whole = value >= 100 || value == 0; // "0", not "0.00": a stalled room
        return String.format(Locale.ROOT, whole ? "%,.0f" : "%.2f", value);
    }
}
