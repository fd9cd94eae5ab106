package io.taleforge.gateway.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.contracts.StoryStatus;
import io.taleforge.gateway.client.ApprovalDocument;
import io.taleforge.gateway.client.ApprovalHistory;
import io.taleforge.gateway.client.ImageJob;
import io.taleforge.gateway.client.StoryDocument;
import io.taleforge.gateway.model.StoryView;

/**
 * Joins story-service's story, image-service's jobs and approval-service's state into one view:
 * the hero's portrait (picture 0) first, then the scenes.
 */
@ApplicationScoped
public class StoryViewMapper {

    public static final int SCENES = 20;

    /** The hero's portrait, picture 0: listed first, not counted among the scenes. */
    public static final int PORTRAIT = 0;

    public StoryView toView(StoryDocument story, List<ImageJob> jobs, ApprovalDocument approvals,
            ApprovalHistory history, String lastEventId) {
        Map<Integer, List<ImageJob>> attempts = attemptsByScene(jobs);
        Map<String, ApprovalHistory.Decision> decisions = StoryRecordMapper.lastDecisions(history);
        Map<Integer, ApprovalDocument.Scene> approval = new HashMap<>();
        if (approvals != null && approvals.scenes() != null) {
            approvals.scenes().forEach(s -> approval.put(s.sceneNumber(), s));
        }
        List<StoryView.Scene> scenes = story.pictures().stream()
                .map(scene -> scene(scene, attempts.getOrDefault(scene.number(), List.of()), approval.get(scene.number()),
                        decisions, story.writingNote()))
                .toList();
        int ready = count(scenes, s -> s.image() != null && "READY".equals(s.image().status()));
        int failed = count(scenes, s -> s.image() != null && "FAILED".equals(s.image().status()));
        int approved = count(scenes, s -> s.approval() != null && "APPROVED".equals(s.approval().state()));
        int total = (int) scenes.stream().filter(s -> s.number() != PORTRAIT).count();
        boolean allApproved = approvals != null && approvals.allApproved();
        String heroName = story.hero() == null ? null : story.hero().name();
        return new StoryView(new StoryView.Story(story.id(), story.title(), story.status(), story.createdAt(), heroName,
                story.place(), story.writingNote()),
                scenes, new StoryView.Counts(ready, approved, failed, total == 0 ? SCENES : total), allApproved,
                lastEventId);
    }

    /** Every scene's attempts, oldest first. */
    private static Map<Integer, List<ImageJob>> attemptsByScene(List<ImageJob> jobs) {
        Map<Integer, List<ImageJob>> attempts = new HashMap<>();
        for (ImageJob job : jobs) {
            attempts.computeIfAbsent(job.sceneNumber(), n -> new ArrayList<>()).add(job);
        }
        attempts.values().forEach(list -> list.sort(Comparator.comparingInt(ImageJob::attempt)));
        return attempts;
    }

    /**
     * The scene with its latest attempt's image, its approval, its earlier attempts with the
     * reader's decisions, and, when it is a marked placeholder, the writing's note.
     */
    private static StoryView.Scene scene(StoryDocument.Scene scene, List<ImageJob> tried, ApprovalDocument.Scene approval,
            Map<String, ApprovalHistory.Decision> decisions, String writingNote) {
        StoryView.Image image = tried.isEmpty() ? null : image(tried.get(tried.size() - 1));
        List<StoryView.Attempt> earlier = tried.isEmpty() ? List.of()
                : tried.subList(0, tried.size() - 1).stream()
                        .map(job -> earlier(job, decisions.get(StoryRecordMapper.key(job.sceneNumber(), job.attempt()))))
                        .toList();
        boolean placeholder = Boolean.TRUE.equals(scene.placeholder());
        return new StoryView.Scene(scene.number(), scene.stage(), scene.text(), scene.prompt(), image,
                approval(approval), earlier, placeholder, placeholder ? writingNote : null,
                refusal(scene.refusal()));
    }

    /** How many scenes (not the portrait) match {@code which}. */
    private static int count(List<StoryView.Scene> scenes, Predicate<StoryView.Scene> which) {
        return (int) scenes.stream().filter(s -> s.number() != PORTRAIT).filter(which).count();
    }

    private static StoryView.Image image(ImageJob job) {
        if (job == null) {
            return null;
        }
        StoryView.Error error = job.error() == null ? null : new StoryView.Error(job.error().code(), job.error().message());
        return new StoryView.Image(job.attempt(), job.status(), job.imageUrl(), error);
    }

    private static StoryView.Attempt earlier(ImageJob job, ApprovalHistory.Decision decision) {
        StoryView.Image image = image(job);
        return new StoryView.Attempt(image.attempt(), image.status(), image.url(), image.error(),
                decision == null ? null : decision.decision(), decision == null ? null : decision.note());
    }

    private static StoryView.Refusal refusal(StoryStatus.Refusal refusal) {
        return refusal == null ? null
                : new StoryView.Refusal(refusal.attempt(), refusal.limit(), refusal.estimateUsd(), refusal.leftUsd());
    }

    private static StoryView.Approval approval(ApprovalDocument.Scene scene) {
        return scene == null ? null : new StoryView.Approval(scene.attempt(), scene.state(), scene.feedback());
    }
}
