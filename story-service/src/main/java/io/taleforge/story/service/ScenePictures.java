package io.taleforge.story.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.journal.Redactor;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriter.WrittenScene;

/**
 * At scene approval, asks a writer that describes pictures (the OpenAI writer) what each scene's
 * illustration shows, journaled as {@value #OPERATION}. Never fails the approval: a failed call
 * leaves the composer's prompts from the scene texts, with a FAILED row that says why.
 */
@ApplicationScoped
public class ScenePictures {

    public static final String OPERATION = "describe-pictures";

    private final StoryWriters writers;
    private final Journal journal;
    private final Redactor redactor;

    public ScenePictures(StoryWriters writers, Journal journal, Redactor redactor) {
        this.writers = writers;
        this.journal = journal;
        this.redactor = redactor;
    }

    /** Whether the current writer describes the pictures itself (a call worth making before approving). */
    public boolean drawn() {
        return writers.current().drawsPictures();
    }

    /** The writer's description of each scene's picture by scene number; empty when the writer failed. */
    public Map<Integer, String> describe(UUID storyId, StoryBrief brief, List<WrittenScene> scenes) {
        StoryWriter writer = writers.current();
        Journal.Subject subject = new Journal.Subject(OPERATION, storyId, null, null, writer.provider(), writer.model());
        try (JournalCall call = JournalCall.open(journal, subject, "describe pictures", scenes.size() + " scenes")) {
            try {
                Map<Integer, String> pictures = writer.pictures(brief, scenes);
                call.success("describe pictures", "%d of %d described".formatted(pictures.size(), scenes.size()));
                return pictures;
            } catch (RuntimeException e) {
                call.failed("describe pictures, the composer's prompts are used", e);
                Log.warnf("writer %s could not describe the pictures story=%s, composer prompts used: %s",
                        writer.provider(), storyId, redactor.redact(String.valueOf(e.getMessage())));
                return Map.of();
            }
        }
    }
}
