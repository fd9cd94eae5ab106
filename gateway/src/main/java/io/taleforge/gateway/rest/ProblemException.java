package io.taleforge.gateway.rest;

import java.util.List;

/** Thrown anywhere to answer with a problem detail; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(400, "invalid-request", "The request is not valid",
                field + ": " + message, List.of(new Problem.FieldError(field, message))));
    }

    /** A story that does not exist and a story of another reader look exactly the same. */
    public static ProblemException storyNotFound(String storyId) {
        return new ProblemException(Problem.of(404, "not-found", "Not found",
                "story " + storyId + " does not exist", List.of()));
    }

    public static ProblemException unavailable(String service) {
        return new ProblemException(Problem.of(503, "service-unavailable", "A service is unavailable",
                service + " does not answer; try again shortly", List.of()));
    }
}
