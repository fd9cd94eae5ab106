package io.taleforge.story.service;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.taleforge.commons.journal.Journal;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriterException;

/**
 * What {@link SceneDrafting} knows while it writes one story: the tries allowed and made, the
 * deadline, the scenes kept so far (stored the moment each was written, whichever try wrote it),
 * the title, the last reason a try fell short, and a final failure.
 */
final class WritingTries {

    private final StoryWriter writer;
    private final UUID storyId;
    private final int allowed;
    private final long deadline;
    private final Journal.Subject subject;
    private final Map<Integer, String> best = new TreeMap<>();
    private String bestTitle;
    private StoryWriterException fatal;
    private String lastReason;
    private int made;
    private BigDecimal spent = BigDecimal.ZERO;

    WritingTries(StoryWriter writer, UUID storyId, int allowed, long deadlineNanos, Map<Integer, String> kept) {
        this.best.putAll(kept);
        this.writer = writer;
        this.storyId = storyId;
        this.allowed = allowed;
        this.deadline = deadlineNanos;
        this.subject = new Journal.Subject(SceneDrafting.OPERATION, storyId, null, null, writer.provider(),
                writer.model());
    }

    /** Keeps one written scene (already checked usable and new). */
    void keep(int number, String text) {
        best.put(number, text);
    }

    /** The first title a writer gave is the story's. */
    void title(String title) {
        if (bestTitle == null && title != null && !title.isBlank()) {
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

    /** The scenes kept so far, by number (a view: it grows as scenes are written). */
    Map<Integer, String> best() {
        return java.util.Collections.unmodifiableMap(best);
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

    /** Adds the cost of one answer (null: not reported). */
    void spent(BigDecimal cost) {
        if (cost != null) {
            spent = spent.add(cost);
        }
    }

    /** What the answers of this writing cost, as reported (US dollars). */
    BigDecimal spent() {
        return spent;
    }

    int made() {
        return made;
    }

    void made(int attempt) {
        this.made = attempt;
    }
}
