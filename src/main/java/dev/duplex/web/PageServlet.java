package dev.duplex.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The client page at the context root. Its scripts and styles are plain files under
 * {@code webapp/assets/}, served by the container; the page finds them, and the WebSocket URLs,
 * relative to its own address, so it works under any context root and behind HTTPS.
 */
public final class PageServlet extends HttpServlet {

    static final String PAGE = "/WEB-INF/page/index.html";

    private byte[] page;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new ServletException(PAGE + " is missing from the WAR");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("cannot read " + PAGE, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
