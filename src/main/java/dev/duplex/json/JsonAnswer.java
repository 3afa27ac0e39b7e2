package dev.duplex.json;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** How duplex's JSON servlets (health, stats, the API) answer: JSON, as it is now, never from a cache. */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
