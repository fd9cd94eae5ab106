package io.taleforge.story.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.story.TestStories;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.TemplateStoryWriter;
import io.taleforge.testing.RealInfraResource;

/**
 * The retry-and-placeholder policy around any writer: a writer that delivers too few scenes,
 * or fails, is retried twice, then the gaps are filled with marked placeholders, all journaled.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class SceneDraftingTest {

    @Inject
    SceneDrafting drafting;

    @Inject
    QuizService quiz;

    @Inject
    StoryBriefs briefs;

    private final TemplateStoryWriter template = new TemplateStoryWriter();

    /** A writer that returns the template's story with some scenes dropped (or throws), per call. */
    private StoryWriter writer(AtomicInteger calls, IntFunction<List<Integer>> dropped) {
        return writer(calls, dropped, java.time.Duration.ZERO);
    }

    private StoryWriter writer(AtomicInteger calls, IntFunction<List<Integer>> dropped, java.time.Duration longestCall) {
        return new StoryWriter() {
            @Override
            public java.time.Duration longestCall() {
                return longestCall;
            }

            @Override
            public String provider() {
                return "flaky";
            }

            @Override
            public String model() {
                return "flaky-1";
            }

            @Override
            public WrittenStory write(StoryBrief brief) {
                List<Integer> drop = dropped.apply(calls.incrementAndGet());
                if (drop == null) {
                    throw new IllegalStateException("writer down");
                }
                WrittenStory full = template.write(brief);
                List<WrittenScene> scenes = new ArrayList<>(full.scenes().stream()
                        .filter(s -> !drop.contains(s.number())).toList());
                if (drop.contains(-1)) {
                    scenes.add(new WrittenScene(21, "Pip Whiskers in a scene that does not exist."));
                    scenes.set(0, new WrittenScene(1, "   "));
                }
                return new WrittenStory(full.title(), scenes);
            }

            @Override
            public String revisePrompt(PromptRevision request) {
                return request.currentPrompt();
            }
        };
    }

    private StoryBrief brief() {
        return briefs.of(quiz.validate(TestStories.answers()));
    }

    @Test
    void shortStoryIsRetriedTwiceThenFilledWithMarkedPlaceholders() {
        UUID storyId = UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        SceneDrafting.Draft draft = drafting.draft(writer(calls, n -> List.of(7, 9, 12)), storyId, brief());

        assertEquals(3, calls.get(), "one call and two retries");
        assertEquals(20, draft.scenes().size());
        assertEquals(3, draft.placeholders());
        for (SceneDrafting.DraftScene scene : draft.scenes()) {
            boolean gap = List.of(7, 9, 12).contains(scene.number());
            assertEquals(gap, scene.placeholder(), "scene " + scene.number());
            assertEquals(gap, scene.text().startsWith(SceneDrafting.PLACEHOLDER_PREFIX), scene.text());
        }
        List<JournalEntry> rows = journal(storyId);
        assertEquals(3, rows.stream().filter(r -> r.status == JournalEntry.Status.FAILED).count());
        rows.stream().filter(r -> r.status == JournalEntry.Status.FAILED).forEach(r -> {
            assertTrue(r.errorMessage.contains("17 usable scenes of 20") && r.errorMessage.contains("7, 9, 12"), r.errorMessage);
            assertEquals("flaky", r.provider);
        });
        List<JournalEntry> skipped = rows.stream().filter(r -> r.status == JournalEntry.Status.SKIPPED).toList();
        assertEquals(List.of(7, 9, 12), skipped.stream().map(r -> r.sceneNumber).sorted().toList());
        skipped.forEach(r -> assertTrue(r.errorMessage.contains("placeholder"), r.errorMessage));
    }

    @Test
    void aRetryThatDeliversEverythingNeedsNoPlaceholder() {
        UUID storyId = UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        SceneDrafting.Draft draft = drafting.draft(writer(calls, n -> n == 1 ? null : n == 2 ? List.of(-1) : List.of()),
                storyId, brief());
        assertEquals(3, calls.get());
        assertEquals(0, draft.placeholders());
        List<JournalEntry> rows = journal(storyId);
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS),
                rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("writer down"), rows.get(0).errorMessage);
        assertTrue(rows.get(1).errorMessage.contains("19 usable"), "blank scene 1 and a 21st scene are unusable: "
                + rows.get(1).errorMessage);
    }

    @Test
    void aWriterThatNeverAnswersIsAProblemNotAnEmptyStory() {
        UUID storyId = UUID.randomUUID();
        StoryNotWritten e = assertThrows(StoryNotWritten.class,
                () -> drafting.draft(writer(new AtomicInteger(), n -> null), storyId, brief()));
        assertEquals(StoryNotWritten.Reason.UNAVAILABLE, e.reason());
        assertEquals(3, journal(storyId).size());
        assertFalse(journal(storyId).stream().anyMatch(r -> r.status != JournalEntry.Status.FAILED));
    }

    @Test
    void noRetryStartsThatCouldNotEndBeforeTheWritingDeadline() {
        UUID storyId = UUID.randomUUID();
        AtomicInteger calls = new AtomicInteger();
        // a call may take ten minutes: after the first short answer no second try fits in 280 s
        SceneDrafting.Draft draft = drafting.draft(writer(calls, n -> List.of(4), java.time.Duration.ofMinutes(10)),
                storyId, brief());

        assertEquals(1, calls.get(), "the retry would have run past the deadline");
        assertEquals(1, draft.placeholders());
        JournalEntry placeholder = journal(storyId).stream().filter(r -> r.status == JournalEntry.Status.SKIPPED)
                .findFirst().orElseThrow();
        assertEquals(4, placeholder.sceneNumber);
        assertTrue(placeholder.errorMessage.contains("writing deadline"), placeholder.errorMessage);
    }

    private static List<JournalEntry> journal(UUID storyId) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list("storyId", Sort.ascending("createdAt"), storyId));
    }
}
