package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's Markdown: machine and commit first, rows kept short, long notes numbered below the table. */
class ReportTest {

    @TempDir
    Path dir;

    private Report report() {
        return new Report("2 cores (a CPU); Java 17", "1a2b3c4 (dirty)", dir.resolve("report.md"), dir.resolve("report.json"));
    }

    @Test
    void theBodyNamesTheMachineAndTheCommitBeforeTheTable() {
        String body = report().body();
        assertTrue(body.startsWith("2 cores (a CPU); Java 17\n\nCommit 1a2b3c4 (dirty), measured "), body);
        assertTrue(body.contains("\n| scenario | unit | bare endpoint | duplex | duplex ÷ bare | note |\n"), body);
    }

    @Test
    void aLongRowNoteGoesBelowTheTableNumberedBeforeTheGeneralNotes() {
        Report report = report();
        String longNote = "answered 10000 of 10000; closed early, by code: {1006=3}; " + "x".repeat(300);
        report.row("echo, 1 conn, 32 B", "msgs/s", 1000, 900, "short");
        report.row("10000 idle connections", "KiB/conn", 40, 10, longNote);
        report.note("A general note.");
        String body = report.body();
        List<String> rows = body.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| scenario")).toList();
        assertAll(
                () -> assertEquals("| echo, 1 conn, 32 B | msgs/s | 1,000 | 900 | 0.90× | short |", rows.get(0)),
                () -> assertEquals("| 10000 idle connections | KiB/conn | 40.00 | 10.00 | 0.25× | see 1 |", rows.get(1)),
                () -> assertTrue(body.endsWith("\n\n1. " + longNote + "\n2. A general note.\n"), body));
    }

    @Test
    void noRowRunsPastAFewHundredCharacters() {
        Report report = report();
        report.row("room of 100 at 20 msg/s (one run of 20 s after 3 s, on collected servers), delivery p50", "ms",
                1.5, 2.5, "lost 0, out of order 0; " + "[m3: 17 after 15] ".repeat(10));
        assertTrue(report.body().lines().allMatch(line -> !line.startsWith("|") || line.length() < 250), report.body());
    }

    @Test
    void aBarInANoteDoesNotSplitTheCell() {
        Report report = report();
        report.row("scenario", "ms", 1, 1, "a | b");
        assertTrue(report.body().contains("| a \\| b |"), report.body());
    }

    @Test
    void writeKeepsATitleAboveTheBodyAndTheCommitInTheJson() throws Exception {
        Report report = report();
        report.row("echo", "msgs/s", 1, 2, "");
        report.write();
        assertEquals("# duplex against the bare container\n\n" + report.body(), Files.readString(dir.resolve("report.md")));
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"commit\": \"1a2b3c4 (dirty)\""));
    }
}
