package io.taleforge.commons.rest;

import java.time.Duration;
import java.util.List;

/** Thrown anywhere to answer with a problem detail; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** A problem the client may retry after {@code retryAfter} (sent as {@code Retry-After}). */
    public ProblemException(Problem problem, Duration retryAfter) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** How long the client should wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException badRequest(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "invalid-request", "The request is not valid",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are not valid", errors));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " does not exist", List.of()));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict with the current state", detail, List.of()));
    }

    /** Something this service depends on does not answer: 503 with {@code Retry-After}. */
    public static ProblemException unavailable(String what, Duration retryAfter) {
        return new ProblemException(Problem.of(503, "service-unavailable", "A service is unavailable",
                what + " does not answer; try again shortly", List.of()), retryAfter);
    }
}
