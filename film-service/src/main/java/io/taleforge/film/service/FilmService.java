package io.taleforge.film.service;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.film.client.ApprovalClient;
import io.taleforge.film.client.ApprovalDocument;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.rest.FilmView;

/**
 * Asking for a film: approval-service must say that all 20 pictures are approved, and gives their
 * URLs; the film's clips and narrations are reserved with story-service's ledger (a 402 over budget
 * starts nothing); the film, its 20 clip work orders and its 20 narrations are then written in one
 * transaction. Asking again answers the same film. Retries redo only what failed, each new attempt
 * reserved with the ledger first.
 */
@ApplicationScoped
public class FilmService {

    private final FilmJobs jobs;
    private final NarrationJobs narrations;
    private final MovieJobs movies;
    private final ApprovalClient approvals;
    private final FilmConfig config;
    private final FilmBudget budget;

    public FilmService(FilmJobs jobs, NarrationJobs narrations, MovieJobs movies, ApprovalClient approvals,
            FilmConfig config, FilmBudget budget) {
        this.jobs = jobs;
        this.narrations = narrations;
        this.movies = movies;
        this.approvals = approvals;
        this.config = config;
        this.budget = budget;
    }

    public FilmView request(UUID storyId) {
        return jobs.find(storyId).orElseGet(() -> start(storyId));
    }

    public FilmView get(UUID storyId) {
        return jobs.find(storyId).orElseThrow(() -> new FilmProblems.FilmNotFound(storyId));
    }

    /** A FAILED clip made again, its new attempt reserved with the ledger first (402: not retried). */
    public FilmView retryClip(UUID storyId, int sceneNumber) {
        budget.reserveRetries(storyId, Map.of(sceneNumber, jobs.nextAttempt(storyId, sceneNumber)), Map.of());
        return jobs.retry(storyId, sceneNumber);
    }

    /**
     * Every FAILED clip and narration made again, and a FAILED movie assembled again, in one
     * transaction, once their new attempts are reserved with the ledger (402: nothing retried).
     */
    public FilmView retryFailed(UUID storyId) {
        budget.reserveRetries(storyId, jobs.failedNextAttempts(storyId), narrations.failedNextAttempts(storyId));
        return QuarkusTransaction.requiringNew().call(() -> {
            int clips = jobs.retryFailed(storyId);
            int spoken = narrations.retryFailed(storyId);
            boolean movie = movies.retryFailed(storyId);
            Log.infof("film retry-failed storyId=%s clips=%d narrations=%d movie=%s", storyId, clips, spoken, movie);
            return get(storyId);
        });
    }

    /**
     * A FAILED narration spoken again, its new attempt reserved with the ledger first (402: not
     * retried); the film is assembled again once it is READY, no clip made again.
     */
    public FilmView retryNarration(UUID storyId, int sceneNumber) {
        budget.reserveRetries(storyId, Map.of(), Map.of(sceneNumber, narrations.nextAttempt(storyId, sceneNumber)));
        narrations.retry(storyId, sceneNumber);
        return get(storyId);
    }

    /** A FAILED movie assembled again from the clips and narrations it has. */
    @Transactional
    public FilmView assemble(UUID storyId) {
        movies.assembleAgain(storyId);
        return get(storyId);
    }

    /** What making the film is expected to cost, in US dollars (0 for a free film). */
    public BigDecimal estimate(UUID storyId) {
        return budget.estimate(storyId);
    }

    private FilmView start(UUID storyId) {
        Map<Integer, String> pictures = approvedPictures(storyId);
        budget.reserve(storyId);
        try {
            return jobs.create(storyId, pictures);
        } catch (RuntimeException e) {
            // two requests at once: the other one's film won the primary key
            return jobs.find(storyId).orElseThrow(() -> e);
        }
    }

    /**
     * Scene → approved picture URL for scenes 1..20, all of them, or a 409 saying how many are
     * approved. Other pictures (the hero's portrait is picture 0) are not scenes of the film.
     */
    private Map<Integer, String> approvedPictures(UUID storyId) {
        int total = config.scenesPerFilm();
        ApprovalDocument doc;
        try {
            doc = approvals.approvals(storyId).orElse(null);
        } catch (ProcessingException | FaultToleranceException | ServiceFailedException e) {
            Log.warnf("approval-service unavailable, film not started storyId=%s: %s", storyId, e.toString());
            throw new FilmProblems.ServiceUnavailable("approval-service");
        }
        if (doc == null || doc.scenes() == null) {
            throw new FilmProblems.PicturesNotApproved(0, total);
        }
        Map<Integer, String> pictures = new TreeMap<>();
        // the scenes' pictures: picture 0, the hero's portrait, is no clip
        doc.scenes().stream().filter(s -> s.sceneNumber() >= 1 && s.sceneNumber() <= total)
                .filter(s -> "APPROVED".equals(s.state()) && s.imageUrl() != null && !s.imageUrl().isBlank())
                .forEach(s -> pictures.put(s.sceneNumber(), s.imageUrl()));
        if (pictures.size() != total) {
            throw new FilmProblems.PicturesNotApproved(pictures.size(), total);
        }
        return pictures;
    }
}
