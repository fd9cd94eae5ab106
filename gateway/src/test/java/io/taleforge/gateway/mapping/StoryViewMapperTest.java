package io.taleforge.gateway.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.taleforge.gateway.book.StoryFixtures;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.model.StoryView;

/**
 * The state document's earlier attempts carry the reader's decision and note from approval-service's
 * history; a placeholder scene carries the writing's note, as its {@code scene} event did.
 */
class StoryViewMapperTest {

    @Test
    void aPlaceholderKeepsItsNoteAfterAReload() {
        String note = "the answer stream was cut after 812 characters, before its end";
        StoryDocument story = new StoryDocument("8f5a3c1e-0000-4000-8000-000000000001", "Pip", "DRAFTED",
                "2026-12-01T10:00:00Z", null, List.of(
                        new StoryDocument.Scene(1, "underdog", "Pip is laughed at.", null, null, false, "Pip is laughed at."),
                        new StoryDocument.Scene(2, "underdog", "[Placeholder] Scene 2 could not be written.", null, null,
                                true, null)),
                null, java.util.Map.of(), null, null, note);

        StoryView view = new StoryViewMapper().toView(story, List.of(), null, null, "0-0");

        assertEquals(false, view.scenes().get(0).placeholder());
        assertEquals(null, view.scenes().get(0).note(), "a written scene has no note");
        assertEquals(true, view.scenes().get(1).placeholder());
        assertEquals(note, view.scenes().get(1).note());
    }

    @Test
    void anEarlierAttemptShowsItsRejectionNote() {
        StoryFixtures story = new StoryFixtures();
        StoryView view = new StoryViewMapper().toView(story.story(), story.jobs(), story.approvals(), story.history(), "0-0");
        StoryView.Scene five = view.scenes().get(4);
        assertEquals(2, five.image().attempt());
        assertEquals(List.of(new StoryView.Attempt(1, "READY", StoryFixtures.url(5, 1), null, "REJECTED", StoryFixtures.NOTE)),
                five.earlier());
        assertEquals(List.of(), view.scenes().get(0).earlier());
    }

    @Test
    void thePortraitIsListedFirstWithItsRejectedAttemptAndIsNotCountedAmongTheScenes() {
        StoryFixtures story = new StoryFixtures();
        StoryView view = new StoryViewMapper().toView(story.storyWithPortrait(), story.jobsWithPortrait(),
                story.approvalsWithPortrait(), story.historyWithPortrait(), "0-0");
        assertEquals(21, view.scenes().size());
        StoryView.Scene portrait = view.scenes().get(0);
        assertEquals(0, portrait.number());
        assertEquals("portrait", portrait.stage());
        assertEquals(new StoryView.Approval(2, "APPROVED", null), portrait.approval());
        assertEquals(List.of(new StoryView.Attempt(1, "READY", StoryFixtures.url(0, 1), null, "REJECTED",
                "a bigger scarf")), portrait.earlier());
        assertEquals(1, view.scenes().get(1).number());
        assertEquals(new StoryView.Counts(20, 20, 0, 20), view.counts(), "the 20 scenes' counts");
        assertEquals(StoryFixtures.HERO, view.story().heroName(), "for \"Meet <name>\"");
    }
}
