package dev.duplex.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpDatesFilterTest {

    private static final long SUNDAY_6_NOV_1994 = 784_111_777_000L; // 08:49:37 GMT

    /** A request with these headers whose container must never be asked to read a date. */
    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getDateHeader" -> throw new AssertionError("the container read a date");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ServletRequest passedOn(HttpServletRequest request) throws Exception {
        AtomicReference<ServletRequest> passed = new AtomicReference<>();
        new HttpDatesFilter().doFilter(request, null, (req, res) -> passed.set(req));
        return passed.get();
    }

    private static long dateHeader(Map<String, String> headers) throws Exception {
        return ((HttpServletRequest) passedOn(request(headers))).getDateHeader("If-Modified-Since");
    }

    @Test
    void anImfFixdateIsReadWithoutTheContainer() throws Exception {
        assertEquals(SUNDAY_6_NOV_1994, dateHeader(Map.of("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")));
    }

    @Test
    void anAbsentDateIsMinusOne() throws Exception {
        assertEquals(-1, dateHeader(Map.of()));
    }

    @Test
    void somethingThatIsNoDateIsRefusedAsTheServletSpecSays() {
        assertThrows(IllegalArgumentException.class, () -> dateHeader(Map.of("If-Modified-Since", "yesterday")));
    }

    @Test
    void theObsoleteFormatsAreReadToo() {
        assertEquals(OptionalLong.of(SUNDAY_6_NOV_1994), HttpDatesFilter.epochMillis("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(OptionalLong.of(SUNDAY_6_NOV_1994), HttpDatesFilter.epochMillis("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void aDateMayHaveOneDigitDaysAndSurroundingSpace() {
        assertEquals(OptionalLong.of(SUNDAY_6_NOV_1994), HttpDatesFilter.epochMillis(" Sun, 6 Nov 1994 08:49:37 GMT "));
    }

    @Test
    void aDateBefore1970IsADate() {
        assertEquals(OptionalLong.of(-1_000), HttpDatesFilter.epochMillis("Wed, 31 Dec 1969 23:59:59 GMT"));
    }

    @Test
    void aWebSocketHandshakeIsPassedOnUnwrapped() throws Exception {
        HttpServletRequest handshake = request(Map.of("Upgrade", "websocket"));
        assertSame(handshake, passedOn(handshake));
    }

    @Test
    void anyOtherRequestIsPassedOnWrapped() throws Exception {
        assertTrue(passedOn(request(Map.of())) instanceof HttpDatesFilter.DateReadingRequest);
    }
}
