package io.taleforge.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway said no: its status and its problem+json text (title, detail, and the fields that
 * are wrong), ready to be shown to the person running the batch.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final boolean sent;

    public ApiProblem(int status, String text) {
        this(status, text, true);
    }

    private ApiProblem(int status, String text, boolean sent) {
        super(text);
        this.status = status;
        this.sent = sent;
    }

    /** No connection to the gateway could be made: the request certainly did nothing. */
    static ApiProblem notSent(String text) {
        return new ApiProblem(0, text, false);
    }

    /** The gateway's status; 0 when it gave none (unreachable, timed out). */
    public int status() {
        return status;
    }

    /** False only when the request never left: whether it did anything is then known (it did not). */
    public boolean mayHaveActed() {
        return sent && (status == 0 || status / 100 == 2);
    }

    /** "400 Bad Request: the answers are not valid (answers.species: must be one of …)". */
    static ApiProblem of(String call, int status, JsonNode problem, String rawBody) {
        if (problem == null || !problem.isObject()) {
            String body = rawBody == null || rawBody.isBlank() ? "no body" : rawBody.strip();
            return new ApiProblem(status, "%s answered %d: %s".formatted(call, status, shorten(body)));
        }
        StringBuilder text = new StringBuilder().append(status).append(' ').append(problem.path("title").asText("Error"));
        String detail = problem.path("detail").asText("");
        if (!detail.isBlank()) {
            text.append(": ").append(detail);
        }
        StringBuilder fields = new StringBuilder();
        for (JsonNode error : problem.path("errors")) {
            if (detail.contains(error.path("message").asText("\0"))) {
                continue; // the detail already says it
            }
            fields.append(fields.length() == 0 ? "" : "; ").append(error.path("field").asText("?")).append(": ")
                    .append(error.path("message").asText(""));
        }
        if (fields.length() > 0) {
            text.append(" (").append(fields).append(')');
        }
        return new ApiProblem(status, text.toString());
    }

    private static String shorten(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
