package io.taleforge.story.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.taleforge.story.model.Reservation;
import io.taleforge.story.model.Story;

/**
 * A story's money as the reader sees it: the estimate of approving its scenes, the reservations
 * that approval and every regeneration make before any provider call, and what it has spent.
 */
@ApplicationScoped
public class StoryBudget {

    private final Ledger ledger;
    private final StoryEstimates estimates;

    public StoryBudget(Ledger ledger, StoryEstimates estimates) {
        this.ledger = ledger;
        this.estimates = estimates;
    }

    /**
     * The estimate of approving the scenes, what the story has committed and spent so far, and what
     * is left under the story's cap (null when there is none), in US dollars.
     */
    public record View(BigDecimal approvalEstimateUsd, BigDecimal pictureEstimateUsd, BigDecimal committedUsd,
            BigDecimal spentUsd, BigDecimal storyLeftUsd) {
    }

    @Transactional
    public View of(Story story) {
        Ledger.Spend spend = ledger.spend(story.id);
        BigDecimal left = ledger.storyCap().map(cap -> cap.subtract(spend.committedUsd()).max(BigDecimal.ZERO))
                .orElse(null);
        return new View(StoryEstimates.total(estimates.approval(story)), estimates.picture(), spend.committedUsd(),
                spend.spentUsd(), left);
    }

    /**
     * Reserves what approving the scenes of a draft story costs (nothing for a story already
     * approved or not ready: the approval itself answers that), in a transaction of its own.
     *
     * @throws BudgetExceeded when it does not fit a limit: nothing reserved, nothing called
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reserveApproval(UUID id) {
        Story story = Story.<Story>findByIdOptional(id).orElse(null);
        if (story == null || !story.isDraft() || !story.placeholderNumbers().isEmpty()) {
            return;
        }
        ledger.reserve(story, estimates.approval(story));
    }

    /**
     * Reserves the film's clips and narrations (estimated by film-service, which makes them) in a
     * transaction of its own; a repeated request reserves nothing twice.
     *
     * @throws StoryNotFound no such story
     * @throws BudgetExceeded when they do not fit a limit: nothing reserved, nothing called
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BigDecimal reserveFilm(UUID id, List<Ledger.Item> items) {
        Story story = Story.<Story>findByIdOptional(id).orElseThrow(() -> new StoryNotFound(id));
        return ledger.reserve(story, items);
    }

    /**
     * Reserves a rejected picture's redraw in the caller's transaction, both or neither: the
     * attempt's picture and, when the writer costs something, its revision of the prompt (purpose
     * WRITER, the scene's number and the new attempt).
     *
     * @throws BudgetExceeded when they do not fit a limit: nothing reserved, nothing called
     */
    public void reserveRedraw(Story story, int sceneNumber, int attempt) {
        List<Ledger.Item> items = new ArrayList<>();
        items.add(new Ledger.Item(Reservation.Purpose.PICTURE, sceneNumber, attempt, estimates.picture()));
        BigDecimal revision = estimates.revision();
        if (revision.signum() > 0) {
            items.add(new Ledger.Item(Reservation.Purpose.WRITER, sceneNumber, attempt, revision));
        }
        ledger.reserve(story, items);
    }

    /**
     * Settles the writer's revision of a redraw's prompt with what it cost ({@code failed}, or no
     * call made: released), in a transaction of its own; nothing when nothing was reserved.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settleRevision(UUID id, int sceneNumber, int attempt, BigDecimal cost, boolean failed) {
        ledger.settle(id, Reservation.Purpose.WRITER, sceneNumber, attempt, cost == null ? BigDecimal.ZERO : cost,
                failed);
    }

    /** The writing of the scenes: purpose WRITER, scene 0, attempt 1. */
    static final int WRITING_ATTEMPT = 1;

    /** The writer's picture descriptions at approval: purpose WRITER, scene 0, attempt 0. */
    static final int DESCRIPTIONS_ATTEMPT = 0;

    /**
     * Reserves the writing of a story's scenes (the writer's token estimate) before its first call,
     * in a transaction of its own; a writing resumed after a restart reserves nothing twice, nor
     * does a free writer (the template writer).
     *
     * @throws BudgetExceeded when it does not fit a limit: no call is made
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reserveWriting(UUID id) {
        Story story = Story.<Story>findByIdOptional(id).orElse(null);
        BigDecimal estimate = estimates.writer();
        if (story != null && estimate.signum() > 0) {
            ledger.reserve(story, List.of(new Ledger.Item(Reservation.Purpose.WRITER, 0, WRITING_ATTEMPT, estimate)));
        }
    }

    /** Settles the writing with what its answers cost (null or 0 with {@code failed}: released), in the caller's transaction. */
    public void settleWriting(UUID id, BigDecimal cost, boolean failed) {
        ledger.settle(id, Reservation.Purpose.WRITER, 0, WRITING_ATTEMPT, cost == null ? BigDecimal.ZERO : cost, failed);
    }

    /**
     * Settles the picture descriptions' writer call at approval with what it cost ({@code failed}:
     * released unless it cost), in a transaction of its own.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settleDescriptions(UUID id, BigDecimal cost, boolean failed) {
        ledger.settle(id, Reservation.Purpose.WRITER, 0, DESCRIPTIONS_ATTEMPT, cost == null ? BigDecimal.ZERO : cost,
                failed);
    }

    /** Gives back the reservation of a picture attempt that will not be made. */
    public void releasePicture(UUID storyId, int sceneNumber, int attempt) {
        ledger.settle(storyId, Reservation.Purpose.PICTURE, sceneNumber, attempt, BigDecimal.ZERO, true);
    }
}
