package dev.duplex.api;

import dev.duplex.auth.SignIn;
import dev.duplex.auth.TokenMinter;
import dev.duplex.json.JsonAnswer;
import dev.duplex.json.JsonCodec;
import dev.duplex.json.JsonWritable;
import dev.duplex.room.RateLimit;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomsUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/*}: the application's backend speaks into the rooms (see docs/api.md). Every call
 * needs {@code Authorization: Bearer <duplex.api.key>}; with no key set the API does not exist
 * (404). The hub answers later on Redis: then the request goes asynchronous, and its answer is
 * written on a container thread, never on the hub's.
 */
public final class ApiServlet extends HttpServlet {

    private static final System.Logger LOG = System.getLogger(ApiServlet.class.getName());
    /** Calls per second on this node, and the burst beyond: a runaway backend cannot flood the rooms. */
    static final int RATE_PER_SECOND = 200;
    static final int RATE_BURST = 400;
    /** Room in a body beyond the text: the JSON around it and the sender, or a token's claims. */
    private static final int BODY_OVERHEAD = 4096;

    private final Optional<ApiKey> key;
    private final Optional<TokenMinter> minter;
    private final JsonCodec json;
    private final ApiBodies bodies;
    private final ApiCalls calls;
    private final int maxBodyBytes;
    private final RateLimit rate = new RateLimit(RATE_PER_SECOND, RATE_BURST, System.nanoTime());

    /**
     * @param apiKey       the bearer key; empty: the API answers 404 to everything
     * @param minter       signs tokens for {@code POST /api/tokens}; empty outside HS256 mode
     * @param maxTextBytes the largest message text, as on a room connection (UTF-8 bytes)
     * @param historySize  how many messages a room keeps: the most a listing returns
     */
    public ApiServlet(Optional<String> apiKey, RoomHub rooms, Optional<TokenMinter> minter, JsonCodec json,
            int maxTextBytes, int historySize) {
        this.key = apiKey.map(ApiKey::new);
        this.minter = minter;
        this.json = json;
        this.bodies = new ApiBodies(json, maxTextBytes);
        this.calls = new ApiCalls(rooms, historySize);
        this.maxBodyBytes = maxTextBytes + BODY_OVERHEAD;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            answer(request, response, call(request));
        } catch (ApiProblem problem) {
            send(response, problem);
        } catch (UncheckedIOException clientGone) { // the body could not be read: nobody to answer
            LOG.log(Level.DEBUG, "API request not read: {0}", clientGone.getCause().toString());
        }
    }

    /** The answer to come, or an {@link ApiProblem} thrown now. */
    private CompletionStage<ApiCalls.Answer> call(HttpServletRequest request) throws IOException {
        if (key.isEmpty()) {
            throw ApiProblem.notFound("the API is off: set duplex.api.key to turn it on");
        }
        if (!key.get().matches(SignIn.bearer(request.getHeader("Authorization")))) {
            throw new ApiProblem(401, "unauthorized", "Authorization: Bearer <duplex.api.key> is required");
        }
        if (!takeCall()) {
            throw new ApiProblem(429, "rate_limited", "more than " + RATE_PER_SECOND + " API calls per second");
        }
        ApiRoute route = ApiRoute.of(request.getMethod(), request.getPathInfo())
                .orElseThrow(() -> ApiProblem.notFound("no such call: see docs/api.md"));
        if (route instanceof ApiRoute.MintToken) {
            TokenMinter signer = minter.orElseThrow(() -> ApiProblem.notFound(
                    "tokens are minted only with duplex.auth=token and duplex.auth.secret (HS256)"));
            String token = signer.mint(bodies.token(body(request)));
            return CompletableFuture.completedFuture(new ApiCalls.Answer(200, ApiAnswers.token(token)));
        }
        return calls.run(route, () -> bodies.message(body(request)), request::getParameter);
    }

    private synchronized boolean takeCall() {
        return rate.take(System.nanoTime()) == RateLimit.Verdict.ALLOW;
    }

    /** The body, at most {@link #maxBodyBytes}; beyond, 413. */
    private byte[] body(HttpServletRequest request) {
        try {
            if (request.getContentLengthLong() > maxBodyBytes) {
                throw tooLarge();
            }
            byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "too_large", "the body may hold at most " + maxBodyBytes + " bytes");
    }

    /** Now if the hub has answered already (in memory it always has), else asynchronously. */
    private void answer(HttpServletRequest request, HttpServletResponse response, CompletionStage<ApiCalls.Answer> answer)
            throws IOException {
        CompletableFuture<ApiCalls.Answer> future = answer.toCompletableFuture();
        if (future.isDone()) {
            write(response, future);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(ApiCalls.TIMEOUT.toMillis() + 1_000);
        future.whenComplete((done, error) -> async.start(() -> {
            try {
                write((HttpServletResponse) async.getResponse(), future);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "API answer not sent: {0}", e.toString());
            } finally {
                async.complete();
            }
        }));
    }

    private void write(HttpServletResponse response, CompletableFuture<ApiCalls.Answer> done) throws IOException {
        try {
            ApiCalls.Answer answer = done.join();
            send(response, answer.status(), answer.body());
        } catch (CompletionException failed) {
            send(response, problem(failed.getCause()));
        }
    }

    private static ApiProblem problem(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (failure instanceof RoomsUnavailableException) {
            return new ApiProblem(503, "unavailable", "rooms are unavailable now (Redis away): try again later");
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return ApiProblem.badRequest(invalid.getMessage());
        }
        LOG.log(Level.ERROR, "API call failed", failure);
        return new ApiProblem(500, "internal_error", "internal error");
    }

    private void send(HttpServletResponse response, ApiProblem problem) throws IOException {
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"duplex-api\"");
        }
        send(response, problem.status(), problem);
    }

    /** {@code body} null: no body (204). */
    private void send(HttpServletResponse response, int status, JsonWritable body) throws IOException {
        if (body != null) {
            JsonAnswer.send(response, status, json.write(body));
            return;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
    }
}
