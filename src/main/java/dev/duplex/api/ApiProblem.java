package dev.duplex.api;

import dev.duplex.json.JsonWritable;
import jakarta.json.stream.JsonGenerator;

/** A call the API answers with an error: its status, and the JSON {@code {"error","reason"}}. */
final class ApiProblem extends RuntimeException implements JsonWritable {

    private final int status;
    private final String code;

    ApiProblem(int status, String code, String reason) {
        super(reason, null, false, false); // an answer, not a failure: no stack trace to fill
        this.status = status;
        this.code = code;
    }

    static ApiProblem badRequest(String reason) {
        return new ApiProblem(400, "invalid_request", reason);
    }

    static ApiProblem notFound(String reason) {
        return new ApiProblem(404, "not_found", reason);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    @Override
    public void writeFields(JsonGenerator json) {
        json.write("error", code).write("reason", getMessage());
    }
}
