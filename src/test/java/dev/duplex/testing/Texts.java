package dev.duplex.testing;

/** Small checks on text that tests read: logs, a page's contents. */
public final class Texts {

    private Texts() {
    }

    /** How often {@code part} occurs in {@code text}, overlapping occurrences included. */
    public static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
