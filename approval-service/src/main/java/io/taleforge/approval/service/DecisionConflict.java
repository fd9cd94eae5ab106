package io.taleforge.approval.service;

/**
 * A decision or retry the scene's current state does not allow (already decided otherwise, not
 * ready, not failed): answered 409 with {@link #slug()} as problem type by rest/ApprovalProblemMapper.
 */
public class DecisionConflict extends RuntimeException {

    private final String slug;

    public DecisionConflict(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    /** The problem type: {@code already-decided}, {@code image-not-ready} or {@code image-not-failed}. */
    public String slug() {
        return slug;
    }
}
