package dev.duplex.rewrite;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The "吗?" bot of the Django tutorials: {@code re.sub("吗?([?？])", "!", text)}, stamped with the time.
 * Both the ASCII and the full-width question mark (U+FF1F, what Chinese keyboards type) count.
 */
public final class Rewriter {

    /** One question mark, with the 吗 right before it if there is one. */
    private static final Pattern QUESTION = Pattern.compile("吗?[?？]");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    private final Clock clock;
    private final ZoneId zone;

    public Rewriter(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** {@code 在吗？} becomes {@code 在!}: the bot answers a question with an exclamation. */
    public static String rewrite(String text) {
        return QUESTION.matcher(text).replaceAll("!");
    }

    /** The bot's answer to one message, timed now. */
    public RewriteReply reply(String clientText) {
        String time = ZonedDateTime.now(clock).withZoneSameInstant(zone).format(TIME);
        return new RewriteReply(time, rewrite(clientText), clientText);
    }
}
