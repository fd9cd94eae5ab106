package io.taleforge.gateway.mapping;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ApprovalHistory;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.model.Book;
import io.taleforge.gateway.model.StoryRecord;
import io.taleforge.gateway.model.StoryView;

/**
 * Joins story-service's story, image-service's jobs and approval-service's state and decision
 * history into the export's {@link StoryRecord}: every attempt of every picture with its decision.
 */
public final class StoryRecordMapper {

    private StoryRecordMapper() {
    }

    /** The decision on each (scene, attempt): the last one in the history. */
    public static Map<String, ApprovalHistory.Decision> lastDecisions(ApprovalHistory history) {
        Map<String, ApprovalHistory.Decision> last = new HashMap<>();
        if (history != null && history.decisions() != null) {
            history.decisions().forEach(d -> last.put(key(d.sceneNumber(), d.attempt()), d));
        }
        return last;
    }

    public static String key(int scene, int attempt) {
        return scene + "/" + attempt;
    }

    /**
     * @param approvedImages the ZIP entry name of each scene's approved picture, by scene number
     */
    public static StoryRecord toRecord(StoryDocument story, List<ImageJob> jobs, ApprovalDocument approvals,
            ApprovalHistory history, Map<Integer, String> approvedImages, String exportedAt) {
        Map<String, ApprovalHistory.Decision> decisions = lastDecisions(history);
        Map<Integer, ApprovalDocument.Scene> state = new HashMap<>();
        if (approvals != null && approvals.scenes() != null) {
            approvals.scenes().forEach(s -> state.put(s.sceneNumber(), s));
        }
        List<StoryRecord.Scene> scenes = story.pictures().stream()
                .map(scene -> scene(scene, jobs, state.get(scene.number()), decisions,
                        approvedImages.get(scene.number())))
                .toList();
        StoryDocument.Hero hero = story.hero();
        Book.Hero bookHero = hero == null ? null : new Book.Hero(hero.species(), hero.name(), hero.trait());
        return new StoryRecord(StoryRecord.SCHEMA_VERSION, exportedAt,
                new StoryRecord.Story(story.id(), story.title(), story.status(), story.createdAt(), bookHero),
                story.answers() == null ? Map.of() : story.answers(), scenes);
    }

    private static StoryRecord.Scene scene(StoryDocument.Scene scene, List<ImageJob> jobs, ApprovalDocument.Scene state,
            Map<String, ApprovalHistory.Decision> decisions, String approvedImage) {
        List<StoryRecord.Attempt> attempts = jobs.stream().filter(job -> job.sceneNumber() == scene.number())
                .sorted(Comparator.comparingInt(ImageJob::attempt))
                .map(job -> attempt(job, decisions.get(key(job.sceneNumber(), job.attempt())), state))
                .toList();
        boolean approved = state != null && "APPROVED".equals(state.state());
        String written = scene.writtenText() == null ? scene.text() : scene.writtenText();
        return new StoryRecord.Scene(scene.number(), scene.stage(), written, scene.text(),
                !Objects.equals(written, scene.text()), approved ? state.attempt() : null,
                approved ? approvedImage : null, attempts);
    }

    private static StoryRecord.Attempt attempt(ImageJob job, ApprovalHistory.Decision decision, ApprovalDocument.Scene state) {
        String word = decision != null ? decision.decision()
                : state != null && state.attempt() == job.attempt() && "PENDING".equals(state.state()) ? "PENDING" : null;
        StoryView.Error error = job.error() == null ? null : new StoryView.Error(job.error().code(), job.error().message());
        return new StoryRecord.Attempt(job.attempt(), job.status(), job.prompt(), word,
                decision == null ? null : decision.note(), decision == null ? null : decision.decidedAt(),
                job.imageUrl(), job.provider(), job.model(), job.durationMs(), error);
    }
}
