package io.taleforge.contracts;

/** story-service → gateway, analytics: the story's status changed. */
public record StoryStatus(String storyId, Status status, String title) {

    public enum Status {
        /** Accepted; the writer is writing (or waiting for its turn): scenes arrive on {@code scene-written}. */
        WRITING,
        /** 20 scenes written, open to edits. */
        DRAFTED,
        /** The reader approved the scene texts; prompts are written and images requested. */
        SCENES_APPROVED,
        /** A rejected image's scene was sent for another attempt. */
        REGENERATING
    }
}
