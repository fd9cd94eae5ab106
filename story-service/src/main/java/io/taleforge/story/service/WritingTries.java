package io.taleforge.story.service;

import java.util.Map;
import java.util.UUID;

import io.taleforge.commons.journal.Journal;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriterException;

/**
 * What {@link SceneDrafting} knows while it writes one story: the tries allowed and made, the
 * deadline, the best answer so far, the last reason a try fell short, and a final failure.
 */
final class WritingTries {

    private final StoryWriter writer;
    private final UUID storyId;
    private final int allowed;
    private final long deadline;
    private final Journal.Subject subject;
    private Map<Integer, String> best = Map.of();
    private String bestTitle;
    private StoryWriterException fatal;
    private String lastReason;
    private int made;

    WritingTries(StoryWriter writer, UUID storyId, int allowed, long deadlineNanos) {
        this.writer = writer;
        this.storyId = storyId;
        this.allowed = allowed;
        this.deadline = deadlineNanos;
        this.subject = new Journal.Subject(SceneDrafting.OPERATION, storyId, null, null, writer.provider(),
                writer.model());
    }

    /** Keeps {@code usable} as the best answer when it has more scenes than the best so far. */
    void offer(Map<Integer, String> usable, String title) {
        if (usable.size() > best.size()) {
            best = usable;
            bestTitle = title;
        }
    }

    /** No further try: a final failure, or an answer with all 20 scenes. */
    boolean finished() {
        return fatal != null || best.size() == ArcStage.SCENES;
    }

    StoryWriter writer() {
        return writer;
    }

    UUID storyId() {
        return storyId;
    }

    int allowed() {
        return allowed;
    }

    long deadline() {
        return deadline;
    }

    Journal.Subject subject() {
        return subject;
    }

    Map<Integer, String> best() {
        return best;
    }

    String bestTitle() {
        return bestTitle;
    }

    StoryWriterException fatal() {
        return fatal;
    }

    void fatal(StoryWriterException failure) {
        this.fatal = failure;
    }

    String lastReason() {
        return lastReason;
    }

    void lastReason(String reason) {
        this.lastReason = reason;
    }

    int made() {
        return made;
    }

    void made(int attempt) {
        this.made = attempt;
    }
}
