package dev.duplex.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the report goes into docs/benchmark.md: between its markers, the prose around them untouched. */
class MarkedSectionTest {

    @TempDir
    Path dir;

    @Test
    void theSectionIsReplacedAndTheTextAroundItStays() throws Exception {
        Path doc = Files.writeString(dir.resolve("benchmark.md"), """
                # Benchmark

                How to read it.

                <!-- report:start -->
                an old table
                <!-- report:end -->

                What it means.
                """);
        MarkedSection.replace(doc, "a new table\n\n1. a note\n");
        assertEquals("""
                # Benchmark

                How to read it.

                <!-- report:start -->
                a new table

                1. a note
                <!-- report:end -->

                What it means.
                """, Files.readString(doc));
    }

    @Test
    void replacingTwiceGivesTheSameDocument() throws Exception {
        Path doc = Files.writeString(dir.resolve("benchmark.md"), "intro\n<!-- report:start -->\n<!-- report:end -->\n");
        MarkedSection.replace(doc, "table");
        String once = Files.readString(doc);
        MarkedSection.replace(doc, "table");
        assertEquals(once, Files.readString(doc));
    }

    @Test
    void aDocumentWithoutMarkersFailsNamingThemAndIsLeftAlone() throws Exception {
        Path doc = Files.writeString(dir.resolve("benchmark.md"), "# Benchmark\n\nno markers yet\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> MarkedSection.replace(doc, "t"));
        assertTrue(failure.getMessage().contains("neither <!-- report:start --> nor <!-- report:end -->"),
                failure::getMessage);
        assertTrue(failure.getMessage().contains(doc.toString()), failure::getMessage);
        assertEquals("# Benchmark\n\nno markers yet\n", Files.readString(doc));
    }

    @Test
    void aMissingEndMarkerFailsTheCheckBeforeAnyMeasurement() throws Exception {
        Path doc = Files.writeString(dir.resolve("benchmark.md"), "<!-- report:start -->\nrest\n");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> MarkedSection.check(doc));
        assertTrue(failure.getMessage().contains("no <!-- report:end -->"), failure::getMessage);
    }

    @Test
    void markersInTheWrongOrderOrTwiceFail() throws Exception {
        Path reversed = Files.writeString(dir.resolve("reversed.md"), "<!-- report:end -->\n<!-- report:start -->\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> MarkedSection.check(reversed)).getMessage()
                .contains("<!-- report:end --> before <!-- report:start -->"));
        Path twice = Files.writeString(dir.resolve("twice.md"),
                "<!-- report:start -->\n<!-- report:end -->\n<!-- report:start -->\n<!-- report:end -->\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> MarkedSection.check(twice)).getMessage()
                .contains("a marker more than once"));
    }

    @Test
    void aMissingDocumentFailsNamingIt() {
        Path missing = dir.resolve("docs/benchmark.md");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> MarkedSection.check(missing));
        assertTrue(failure.getMessage().contains(missing + " does not exist"), failure::getMessage);
    }
}
