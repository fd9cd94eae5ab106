package io.taleforge.contracts;

import java.math.BigDecimal;

/**
 * story-service → gateway, analytics: the story's status changed, or (status
 * {@link Status#REGENERATION_REFUSED}) a rejected picture was not redrawn because its next attempt
 * did not fit the budget.
 *
 * @param refusal which picture was not redrawn and the amounts; only with {@code REGENERATION_REFUSED}
 */
public record StoryStatus(String storyId, Status status, String title, Refusal refusal) {

    /** A change of the story's own status. */
    public StoryStatus(String storyId, Status status, String title) {
        this(storyId, status, title, null);
    }

    public enum Status {
        /** Accepted; the writer is writing (or waiting for its turn): scenes arrive on {@code scene-written}. */
        WRITING,
        /** 20 scenes written, open to edits. */
        DRAFTED,
        /** The reader approved the scene texts; prompts are written and images requested. */
        SCENES_APPROVED,
        /** A rejected image's scene was sent for another attempt. */
        REGENERATING,
        /**
         * Not a status the story takes: a rejected picture's next attempt was refused before any
         * provider call because it did not fit a limit; {@code refusal} says which and how much.
         */
        REGENERATION_REFUSED
    }

    /**
     * A picture not redrawn: its number, the attempt that was rejected, the limit that refused it
     * ({@code story-cap} or {@code daily-budget}), what the next attempt was estimated to cost and
     * what was left under the limit, in US dollars.
     */
    public record Refusal(int sceneNumber, int attempt, String limit, BigDecimal estimateUsd, BigDecimal leftUsd) {
    }
}
