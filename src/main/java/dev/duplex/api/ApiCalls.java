package dev.duplex.api;

import dev.duplex.json.JsonWritable;
import dev.duplex.room.RoomHub;
import dev.duplex.room.RoomName;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The API's calls on the rooms, each turned into its answer: status and JSON body. */
final class ApiCalls {

    /** The longest the API waits for the rooms (Redis); then 503. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** {@code body}: null for none (204). */
    record Answer(int status, JsonWritable body) {
    }

    private final RoomHub rooms;
    private final int historySize;

    ApiCalls(RoomHub rooms, int historySize) {
        this.rooms = rooms;
        this.historySize = historySize;
    }

    /**
     * @param message   the posted message, read from the body only when the call is a post
     * @param parameter a query parameter by name, null when absent
     */
    CompletionStage<Answer> run(ApiRoute route, Supplier<ApiBodies.PostedMessage> message,
            UnaryOperator<String> parameter) {
        CompletionStage<Answer> answer;
        if (route instanceof ApiRoute.PostMessage post) {
            String room = room(post.room());
            ApiBodies.PostedMessage posted = message.get();
            answer = rooms.post(room, posted.from(), posted.text())
                    .thenApply(sent -> new Answer(201, ApiAnswers.posted(sent)));
        } else if (route instanceof ApiRoute.DescribeRoom describe) {
            String room = room(describe.room());
            answer = rooms.describe(room).thenApply(snapshot -> new Answer(200, ApiAnswers.room(room, snapshot)));
        } else if (route instanceof ApiRoute.ListMessages list) {
            answer = rooms.messages(room(list.room()), parameter.apply("since"), limit(parameter.apply("limit")))
                    .thenApply(messages -> new Answer(200, ApiAnswers.messages(messages)));
        } else if (route instanceof ApiRoute.RemoveMember remove) {
            answer = rooms.remove(room(remove.room()), remove.user())
                    .thenApply(done -> new Answer(204, null));
        } else {
            throw ApiProblem.notFound("no such call: see docs/api.md");
        }
        return answer.toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                        failed instanceof TimeoutException
                                ? new ApiProblem(503, "unavailable", "the rooms did not answer in time")
                                : unwrapped(failed)));
    }

    private static Throwable unwrapped(Throwable failed) {
        return failed instanceof CompletionException && failed.getCause() != null
                ? failed.getCause() : failed;
    }

    private static String room(String name) {
        return RoomName.parse(name).orElseThrow(() -> ApiProblem.badRequest(RoomName.RULE));
    }

    /** {@code limit}: 1 up to the history's size, which is also the default. */
    private int limit(String limit) {
        if (limit == null) {
            return Math.max(historySize, 1);
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= Math.max(historySize, 1)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + Math.max(historySize, 1));
    }
}
