package dev.duplex.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tests that need a program from outside the JDK (Chromium, Prometheus's parser) skip, loudly,
 * where it is missing; with {@code -Dduplex.tools.required=true}, as in CI, they fail instead.
 */
final class RequiredTool {

    static final String PROPERTY = "duplex.tools.required";

    private RequiredTool() {
    }

    /** Returns {@code reason}, to skip with, after saying so; fails if the tools are required. */
    static String missing(String reason) {
        if (Boolean.getBoolean(PROPERTY)) {
            fail(reason + ", and " + PROPERTY + " is true");
        }
        System.err.println("\n********** TEST SKIPPED: " + reason + " **********\n");
        return reason;
    }
}
