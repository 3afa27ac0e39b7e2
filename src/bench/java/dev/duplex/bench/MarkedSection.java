package dev.duplex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The part of a document between {@code <!-- report:start -->} and {@code <!-- report:end -->}: where
 * the benchmark writes its report into docs/benchmark.md, leaving the prose around it as written.
 */
final class MarkedSection {

    static final String START = "<!-- report:start -->";
    static final String END = "<!-- report:end -->";

    private MarkedSection() {
    }

    /** Fails, naming what is missing, unless {@code document} has each marker once, start before end. */
    static void check(Path document) throws IOException {
        splice(read(document), "", document);
    }

    /** Replaces the section of {@code document} with {@code content}; the markers and all else stay. */
    static void replace(Path document, String content) throws IOException {
        Files.writeString(document, splice(read(document), content, document));
    }

    /** {@code text} with what lies between the markers replaced by {@code content}, on lines of its own. */
    static String splice(String text, String content, Object where) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String problem = start < 0 && end < 0 ? "neither " + START + " nor " + END
                : start < 0 ? "no " + START
                : end < 0 ? "no " + END
                : text.indexOf(START, start + 1) >= 0 || text.indexOf(END, end + 1) >= 0 ? "a marker more than once"
                : end < start ? END + " before " + START
                : null;
        if (problem != null) {
            throw new IllegalStateException(where + " has " + problem + ": the report goes between the two, each on"
                    + " a line of its own, so that the text around it stays as written");
        }
        return text.substring(0, start + START.length()) + "\n" + content.strip() + "\n" + text.substring(end);
    }

    private static String read(Path document) throws IOException {
        try {
            return Files.readString(document);
        } catch (NoSuchFileException missing) {
            throw new IllegalStateException(document + " does not exist: the report goes between its "
                    + START + " and " + END + " lines", missing);
        }
    }
}
