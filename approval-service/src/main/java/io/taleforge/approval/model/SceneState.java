package io.taleforge.approval.model;

import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageStatus;

/** Where the latest attempt of one scene stands. */
public enum SceneState {
    /** No final image yet: queued, generating, or a retry was requested. */
    WAITING(0),
    /** The image failed or was skipped; the reader may ask for a retry. */
    FAILED(1),
    /** The image is ready and waits for the reader's decision. */
    PENDING(2),
    APPROVED(3),
    REJECTED(3);

    /** Within one attempt a status only ever moves to a higher rank. */
    private final int rank;

    SceneState(int rank) {
        this.rank = rank;
    }

    public boolean isDecided() {
        return this == APPROVED || this == REJECTED;
    }

    public boolean outranks(SceneState other) {
        return rank > other.rank;
    }

    /** The state an image status puts the scene in. */
    public static SceneState of(ImageStatus.Status status) {
        return switch (status) {
            case QUEUED, GENERATING -> WAITING;
            case READY -> PENDING;
            case FAILED, SKIPPED -> FAILED;
        };
    }

    /** The decision announced on {@code approval-status}, or null for WAITING (not an approval state). */
    public ApprovalStatus.Decision decision() {
        return switch (this) {
            case WAITING -> null;
            case FAILED -> ApprovalStatus.Decision.FAILED;
            case PENDING -> ApprovalStatus.Decision.PENDING;
            case APPROVED -> ApprovalStatus.Decision.APPROVED;
            case REJECTED -> ApprovalStatus.Decision.REJECTED;
        };
    }
}
