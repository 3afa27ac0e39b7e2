package dev.duplex.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Reads the requests' date headers (a browser revalidating the page's assets sends
 * {@code If-Modified-Since}) with java.time, for the container. Payara's request parses them with a
 * {@code SimpleDateFormat} shared by the requests one thread created; two parsing at once can throw
 * ({@code ArrayIndexOutOfBoundsException} in {@code DigitList}, seen in CI), which its default
 * servlet answers with a 500, and the page then loads without its script. java.time's formatters
 * are immutable. WebSocket handshakes pass unwrapped: the container reads no date from them, and
 * the upgrade is its own business.
 */
public final class HttpDatesFilter extends HttpFilter {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.US).withZone(ZoneOffset.UTC);
    /** Tried in this order: the one browsers send first, the obsolete two only when it does not fit. */
    private static final List<Supplier<DateTimeFormatter>> FORMATS = List.of(() -> IMF_FIXDATE,
            HttpDatesFilter::rfc850, () -> ASCTIME);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean upgrade = HandshakeGuard.isWebSocketUpgrade(request.getHeader("Upgrade"));
        chain.doFilter(upgrade ? request : new DateReadingRequest(request), response);
    }

    /** Never asks the container to read a date. */
    static final class DateReadingRequest extends HttpServletRequestWrapper {
        DateReadingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public long getDateHeader(String name) {
            String value = getHeader(name);
            if (value == null) {
                return -1;
            }
            return epochMillis(value).orElseThrow(() -> new IllegalArgumentException("not an HTTP date: " + value));
        }
    }

    /** An HTTP date in any of the three formats RFC 9110 has recipients accept, or empty. */
    static OptionalLong epochMillis(String httpDate) {
        String value = httpDate.strip();
        for (Supplier<DateTimeFormatter> format : FORMATS) {
            try {
                return OptionalLong.of(ZonedDateTime.parse(value, format.get()).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The obsolete "Sunday, 06-Nov-94 08:49:37 GMT": a two-digit year more than 50 years ahead is
     * the last such year in the past (RFC 9110), so the century window moves with today.
     */
    private static DateTimeFormatter rfc850() {
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(49))
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }
}
