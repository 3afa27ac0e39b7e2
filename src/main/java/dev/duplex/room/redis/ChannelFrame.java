package dev.duplex.room.redis;

import java.util.Optional;

/**
 * What travels on a room's channel, {@code id \n origin \n json}: a message with its stream id and
 * {@link Origin}; or a join, leave, members or typing event, with neither ({@code -} and an empty
 * line) and its JSON already the clients'; or a control for the nodes, never for clients ({@code !}
 * and an empty line: a removal, {@code {"type":"remove","user":u}}). The one codec of the frame;
 * publish_message.lua writes it too.
 */
record ChannelFrame(String id, Origin origin, String json) {

    private static final String NO_ID = "-";
    private static final String CONTROL = "!";

    /** A presence event, which takes its place among the messages but is not one of them. */
    static ChannelFrame event(String json) {
        return new ChannelFrame(NO_ID, Origin.NONE, json);
    }

    /** For the nodes alone; an older node reads it as a message whose id is no stream id, and drops it. */
    static ChannelFrame control(String json) {
        return new ChannelFrame(CONTROL, Origin.NONE, json);
    }

    boolean isMessage() {
        return !id.equals(NO_ID) && !id.equals(CONTROL);
    }

    boolean isControl() {
        return id.equals(CONTROL);
    }

    String encode() {
        return id + "\n" + (origin.equals(Origin.NONE) ? "" : origin) + "\n" + json;
    }

    /** The frame, or empty for a text that is not one (nothing of duplex's). */
    static Optional<ChannelFrame> parse(String text) {
        int first = text.indexOf('\n');
        int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        return Optional.of(new ChannelFrame(text.substring(0, first), Origin.parse(text.substring(first + 1, second)),
                text.substring(second + 1)));
    }
}
