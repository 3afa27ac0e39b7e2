package dev.duplex.testing.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An HTTP answer's head: its status, its headers (names lower-case, repeated ones joined by ", ") and its first line. */
public record HttpAnswer(int status, Map<String, String> headers, String statusLine) {

    /** No status line: the server closed, reset or stayed silent before one came. */
    public static final int NO_ANSWER = -1;

    /** From the head's lines, as far as they came: the status line first, then the headers. */
    static HttpAnswer of(List<String> lines) {
        if (lines.isEmpty()) {
            return new HttpAnswer(NO_ANSWER, Map.of(), "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return new HttpAnswer(status(lines.get(0)), Collections.unmodifiableMap(headers), lines.get(0));
    }

    /** The code of "HTTP/1.1 400 Bad Request"; {@link #NO_ANSWER} for a line that is not HTTP. */
    private static int status(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : NO_ANSWER;
        } catch (NumberFormatException notHttp) {
            return NO_ANSWER;
        }
    }
}
