package dev.duplex.auth;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rooms a token grants, as patterns: a room name ({@code lobby}), or one with {@code *}
 * standing for any run of characters, none included ({@code team-*}, or {@code *} for every room).
 * Matching is exact and case-sensitive, as room names are.
 */
public final class RoomPatterns {

    private static final RoomPatterns EVERY_ROOM = new RoomPatterns(List.of("*"));

    private final List<String> patterns;
    private final List<Pattern> compiled;

    private RoomPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(RoomPatterns::compile).toList();
    }

    public static RoomPatterns everyRoom() {
        return EVERY_ROOM;
    }

    /** The rooms these patterns name; none at all grants no room. */
    public static RoomPatterns of(List<String> patterns) {
        return new RoomPatterns(patterns);
    }

    public boolean allows(String room) {
        return compiled.stream().anyMatch(pattern -> pattern.matcher(room).matches());
    }

    /** As given, for a token minted from them. */
    public List<String> patterns() {
        return patterns;
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoomPatterns that && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
