package io.taleforge.story.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter.PictureDescriptions;
import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter;

/**
 * At scene approval, asks a writer that describes pictures (the OpenAI writer) what each scene's
 * illustration shows, journaled as {@value #OPERATION} with the writer's estimate from the start
 * and, at the end, the actual cost of the answer's {@code usage} (priced by the rate table; the
 * estimate when it reported none). The approval's reservation of the call (purpose WRITER, attempt
 * 0) is settled with the same figure, or released when the call failed. Never fails the approval:
 * a failed call leaves the composer's prompts from the scene texts, with a FAILED row that says why.
 */
@ApplicationScoped
public class ScenePictures {

    public static final String OPERATION = "describe-pictures";

    private final StoryWriters writers;
    private final Journal journal;
    private final Redactor redactor;
    private final StoryEstimates estimates;
    private final StoryBudget budget;

    public ScenePictures(StoryWriters writers, Journal journal, Redactor redactor, StoryEstimates estimates,
            StoryBudget budget) {
        this.writers = writers;
        this.journal = journal;
        this.redactor = redactor;
        this.estimates = estimates;
        this.budget = budget;
    }

    /** Whether the current writer describes the pictures itself (a call worth making before approving). */
    public boolean drawn() {
        return writers.current().drawsPictures();
    }

    /** The writer's description of each scene's picture by scene number; empty when the writer failed. */
    public Map<Integer, String> describe(UUID storyId, StoryBrief brief, List<WrittenScene> scenes) {
        StoryWriter writer = writers.current();
        Journal.Subject subject = new Journal.Subject(OPERATION, storyId, null, null, writer.provider(), writer.model());
        BigDecimal estimate = estimates.writer();
        PictureDescriptions answer;
        BigDecimal cost;
        try (JournalCall call = JournalCall.open(journal, subject, "describe pictures", scenes.size() + " scenes",
                estimate)) {
            try {
                answer = writer.pictures(brief, scenes);
            } catch (RuntimeException e) {
                call.failed("describe pictures, the composer's prompts are used", e);
                budget.settleDescriptions(storyId, BigDecimal.ZERO, true);
                Log.warnf("writer %s could not describe the pictures story=%s, composer prompts used: %s",
                        writer.provider(), storyId, redactor.redact(String.valueOf(e.getMessage())));
                return Map.of();
            }
            cost = estimates.writerCost(writer, answer.tokens());
            call.success("describe pictures", "%d of %d described".formatted(answer.shows().size(), scenes.size()), cost);
        }
        budget.settleDescriptions(storyId, cost == null ? estimate : cost, false);
        return answer.shows();
    }
}
