package dev.duplex.room;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Room names: 1–64 letters of any script, digits, '-', '_' and '.'. */
public final class RoomName {

    public static final int MAX_LENGTH = 64;
    public static final String RULE = "room name must be 1-64 letters, digits, '-', '_' or '.'";

    private RoomName() {
    }

    /**
     * The valid room name in a path parameter, or empty. Some containers hand over the parameter
     * still percent-encoded ({@code %E5%A4%A7}); '%' is never part of a valid name, so decoding it
     * when present changes nothing else.
     */
    public static Optional<String> parse(String pathParameter) {
        if (pathParameter == null) {
            return Optional.empty();
        }
        String name = pathParameter;
        if (name.indexOf('%') >= 0) {
            try {
                name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }

    static boolean isValid(String name) {
        int length = name.codePointCount(0, name.length());
        return length >= 1 && length <= MAX_LENGTH && name.codePoints().allMatch(RoomName::isAllowed);
    }

    private static boolean isAllowed(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '-' || codePoint == '_' || codePoint == '.';
    }
}
