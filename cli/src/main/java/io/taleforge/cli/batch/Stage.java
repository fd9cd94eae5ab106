package io.taleforge.cli.batch;

/** How far a line's story got, in the order the batch takes them; each is recorded once reached. */
public enum Stage {
    /** Nothing asked yet (or the story was refused: nothing was created). */
    NEW,
    /** The create call was sent; its answer was not recorded. */
    CREATING,
    /** The story exists (its id is recorded). */
    CREATED,
    /** The line's scene edits are in. */
    EDITED,
    /** The scene texts are approved: the pictures are on their way (the board). */
    SCENES_APPROVED,
    /** Every picture is approved (the story view's {@code allApproved}). */
    PICTURES_APPROVED,
    /** Its ZIP and PDF are written. */
    EXPORTED;

    public boolean reached(Stage other) {
        return compareTo(other) >= 0;
    }
}
