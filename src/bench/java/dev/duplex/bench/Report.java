package dev.duplex.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's findings: one table, duplex beside the bare endpoint, as Markdown and as JSON,
 * with the machine and the commit they were measured on. The Markdown body (all but the title) is
 * also what {@link #publish} writes into docs/benchmark.md.
 */
final class Report {

    /** A row's note longer than this goes below the table as a numbered note, so that no row runs on. */
    static final int LONGEST_NOTE_IN_ROW = 60;

    /** One figure of both targets; {@code bare} is NaN where the baseline has no counterpart. */
    record Row(String scenario, String unit, double bare, double duplex, String note) {
        /** NaN where there is nothing to divide by: no baseline, or a baseline of zero (a stalled room). */
        double ratio() {
            double ratio = duplex / bare;
            return Double.isFinite(ratio) ? ratio : Double.NaN;
        }
    }

    private final String machine;
    private final String commit;
    private final LocalDate date = LocalDate.now();
    private final Path markdown;
    private final Path json;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code commit} as {@link Provenance#commit} gives it, e.g. "1a2b3c4 (dirty)". */
    Report(String machine, String commit, Path markdown, Path json) {
        this.machine = machine;
        this.commit = commit;
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
        Files.writeString(markdown, "# duplex against the bare container\n\n" + body());
        Files.writeString(json, json());
    }

    /** Writes the body between the report markers of {@code document}; see {@link MarkedSection}. */
    void publish(Path document) throws IOException {
        MarkedSection.replace(document, body());
    }

    /** The machine, the commit, the table and its numbered notes: long row notes first, then the general ones. */
    String body() {
        StringBuilder md = new StringBuilder(machine).append("\n\n")
                .append("Commit ").append(commit).append(", measured ").append(date).append(".\n\n")
                .append("| scenario | unit | bare endpoint | duplex | duplex ÷ bare | note |\n")
                .append("|---|---|---:|---:|---:|---|\n");
        List<String> numbered = new ArrayList<>();
        for (Row row : rows) {
            String note = row.note();
            if (note.length() > LONGEST_NOTE_IN_ROW) {
                numbered.add(note);
                note = "see " + numbered.size();
            }
            md.append("| ").append(cell(row.scenario())).append(" | ").append(row.unit()).append(" | ")
                    .append(format(row.bare())).append(" | ").append(format(row.duplex())).append(" | ")
                    .append(Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f×", row.ratio()))
                    .append(" | ").append(cell(note)).append(" |\n");
        }
        numbered.addAll(notes);
        if (!numbered.isEmpty()) {
            md.append('\n');
        }
        for (int i = 0; i < numbered.size(); i++) {
            md.append(i + 1).append(". ").append(numbered.get(i)).append('\n');
        }
        return md.toString();
    }

    private String json() {
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
            generator.write(Json.createObjectBuilder().add("machine", machine).add("commit", commit)
                    .add("date", date.toString()).add("figures", figures).add("notes", Json.createArrayBuilder(notes))
                    .build());
        }
        return out.toString();
    }

    /** A table cell: a '|' in the text would end it early. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
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
