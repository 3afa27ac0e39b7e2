package dev.duplex.room;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Nicknames from {@code ?name=}: trimmed, 1–32 characters, no control characters. */
public final class Nickname {

    public static final int MAX_LENGTH = 32;
    public static final String RULE = "name must be 1-32 characters without control characters";

    private Nickname() {
    }

    /**
     * The nickname to use: the trimmed parameter, or {@code guest-} and 4 hex digits when it is
     * missing or blank. Empty when the parameter is present but not acceptable.
     */
    public static Optional<String> parse(String parameter) {
        String name = parameter == null ? "" : parameter.strip();
        if (name.isEmpty()) {
            return Optional.of(guest());
        }
        int length = name.codePointCount(0, name.length());
        boolean clean = name.codePoints().noneMatch(Nickname::isControl);
        return length <= MAX_LENGTH && clean ? Optional.of(name) : Optional.empty();
    }

    static String guest() {
        return "guest-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT && codePoint != '\u200d' // keep emoji ZWJ
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
