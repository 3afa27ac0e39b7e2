package dev.duplex.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the requests' date headers (a browser revalidating the page's assets sends
 * {@code If-Modified-Since}) with java.time, for the container. Payara's request parses them with a
 * {@code SimpleDateFormat} shared by the requests one thread created; two parsing at once can throw
 * ({@code ArrayIndexOutOfBoundsException} in {@code DigitList}, seen in CI), which its default
 * servlet answers with a 500, and the page then loads without its script. java.time's formatter
 * is immutable. WebSocket handshakes are left alone.
 */
@WebFilter(filterName = "http-dates", urlPatterns = "/*", asyncSupported = true)
public final class HttpDatesFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean upgrade = HandshakeGuard.isWebSocketUpgrade(request.getHeader("Upgrade"));
        chain.doFilter(upgrade ? request : new DatesReadSafely(request), response);
    }

    private static final class DatesReadSafely extends HttpServletRequestWrapper {
        DatesReadSafely(HttpServletRequest request) {
            super(request);
        }

        @Override
        public long getDateHeader(String name) {
            String value = getHeader(name);
            if (value == null) {
                return -1;
            }
            long millis = epochMillis(value);
            // The two obsolete HTTP date formats, which no browser sends: the container's own reading.
            return millis >= 0 ? millis : super.getDateHeader(name);
        }
    }

    /** An HTTP date in the format browsers send (IMF-fixdate, RFC 9110), or -1 if it is not one. */
    static long epochMillis(String httpDate) {
        try {
            return ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
