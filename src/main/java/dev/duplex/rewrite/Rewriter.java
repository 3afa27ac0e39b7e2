package dev.duplex.rewrite;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The "吗?" bot of the Django tutorials: {@code re.sub("吗?([?？])", "!", text)}, stamped with the time.
 * Both the ASCII and the full-width question mark (U+FF1F, what Chinese keyboards type) count.
 */
public final class Rewriter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    private final Clock clock;
    private final ZoneId zone;

    public Rewriter(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * {@code 在吗？} becomes {@code 在!}: the bot answers a question with an exclamation. The same as
     * the regex {@code 吗?[?？]} replaced by {@code !}, written out: the matcher's attempt at every
     * position was dearer than a comparison of each character, and showed on 4 KiB messages.
     */
    public static String rewrite(String text) {
        StringBuilder out = null;
        int copied = 0; // text before this index is in `out` already
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '?' && c != '？') {
                continue;
            }
            int start = i > 0 && text.charAt(i - 1) == '吗' ? i - 1 : i; // the 吗 goes with its question mark
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, start).append('!');
            copied = i + 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The bot's answer to one message, timed now. */
    public RewriteReply reply(String clientText) {
        String time = ZonedDateTime.now(clock).withZoneSameInstant(zone).format(TIME);
        return new RewriteReply(time, rewrite(clientText), clientText);
    }
}
