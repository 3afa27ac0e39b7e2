package dev.duplex.health;

import dev.duplex.json.JsonAnswer;
import dev.duplex.json.JsonCodec;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/** {@code GET /health}: 200 with {@link Health} as JSON, or 503 with the same body when it is down. */
public final class HealthServlet extends HttpServlet {

    private final Supplier<Health> health;
    private final JsonCodec json;

    /** @param health asked on every request, so it must answer without I/O */
    public HealthServlet(Supplier<Health> health, JsonCodec json) {
        this.health = health;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health now = health.get();
        JsonAnswer.send(response, now.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                json.write(now));
    }
}
