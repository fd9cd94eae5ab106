package io.taleforge.film.service;

import java.util.List;
import java.util.UUID;

import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;

/**
 * film-service's domain failures. Each is a {@link ProblemException}, so service-commons'
 * one mapper answers it as problem+json with its status and the field it is about.
 */
public final class FilmProblems {

    private FilmProblems() {
    }

    /** No film was asked for this story. */
    public static class FilmNotFound extends ProblemException {
        public FilmNotFound(UUID storyId) {
            super(Problem.of(404, "film-not-found", "No film for this story",
                    "no film was asked for story " + storyId, List.of()));
        }
    }

    /** The film needs all 20 pictures approved first. */
    public static class PicturesNotApproved extends ProblemException {
        public PicturesNotApproved(int approved, int total) {
            super(Problem.of(409, "pictures-not-approved", "Not every picture is approved",
                    approved + " of " + total + " pictures are approved; the film needs all " + total,
                    List.of(new Problem.FieldError("storyId", "only " + approved + " of " + total
                            + " pictures are approved"))));
        }
    }

    /** Only a FAILED clip can be made again. */
    public static class ClipNotRetryable extends ProblemException {
        public ClipNotRetryable(int sceneNumber, String state) {
            super(Problem.of(409, "clip-not-failed", "Only a failed clip can be retried",
                    "clip " + sceneNumber + " is " + state,
                    List.of(new Problem.FieldError("sceneNumber", "clip " + sceneNumber + " is " + state
                            + ", not FAILED"))));
        }
    }

    /** A service film-service needs does not answer. */
    public static class ServiceUnavailable extends ProblemException {
        public ServiceUnavailable(String service) {
            super(Problem.of(503, "service-unavailable", "A service is unavailable",
                    service + " does not answer; try again shortly", List.of()));
        }
    }

    /** Only a FAILED narration can be spoken again. */
    public static class NarrationNotRetryable extends ProblemException {
        public NarrationNotRetryable(int sceneNumber, String state) {
            super(Problem.of(409, "narration-not-failed", "Only a failed narration can be retried",
                    "narration " + sceneNumber + " is " + state,
                    List.of(new Problem.FieldError("sceneNumber", "narration " + sceneNumber + " is " + state
                            + ", not FAILED"))));
        }
    }

    /**
     * story-service's ledger refused the film's reservation (402 over budget, with the limit, the
     * estimate and what is left): answered as it came, by {@code rest/FilmBudgetMapper}.
     */
    public static class BudgetRefused extends RuntimeException {
        private final transient ServiceRejectedException answer;

        public BudgetRefused(ServiceRejectedException answer) {
            super("the ledger refused the film: " + answer.status());
            this.answer = answer;
        }

        public ServiceRejectedException answer() {
            return answer;
        }
    }

    /** Only a FAILED movie can be assembled again. */
    public static class MovieNotFailed extends ProblemException {
        public MovieNotFailed(String state) {
            super(Problem.of(409, "movie-not-failed", "Only a failed film can be assembled again",
                    "the film's assembly is " + state,
                    List.of(new Problem.FieldError("storyId", "the film's assembly is " + state + ", not FAILED"))));
        }
    }
}
