package io.taleforge.cli.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.taleforge.cli.api.ApiProblem;
import io.taleforge.cli.api.GatewayApi;

/**
 * Takes one line's story as far as the batch asks, from wherever its state file left it: create
 * it from the answers, make the edits, approve the scene texts, then (with approve-all) approve
 * every picture the story lists as it becomes READY, and (with an export folder) write its ZIP and
 * PDF. Every stage reached is recorded before the next starts; every wait has a deadline.
 */
final class StoryRun {

    /** What the batch asks of every story. */
    record Plan(boolean approveAll, Optional<Path> exportDir, Duration pollInterval, Duration stall,
            int pictureRetries, BooleanSupplier stopping) {

        Stage target() {
            return exportDir.isPresent() && approveAll ? Stage.EXPORTED
                    : approveAll ? Stage.PICTURES_APPROVED : Stage.SCENES_APPROVED;
        }
    }

    private final GatewayApi api;
    private final BatchState state;
    private final Plan plan;
    private final BatchLine line;
    private final Bars.StoryBar bar;
    /** Per scene: the attempts whose failure was asked again (each only once, however often it is seen). */
    private final Map<Integer, Integer> retriedAttempt = new HashMap<>();
    private final Map<Integer, Integer> retries = new HashMap<>();
    private String storyId;
    private Stage stage;
    private JsonNode lastView;

    StoryRun(GatewayApi api, BatchState state, Plan plan, BatchLine line, BatchState.Entry from, Bars.StoryBar bar) {
        this.api = api;
        this.state = state;
        this.plan = plan;
        this.line = line;
        this.bar = bar;
        this.storyId = from.storyId();
        this.stage = from.storyId() == null ? Stage.NEW : from.stage();
    }

    Outcome run() {
        try {
            create();
            edit();
            approveScenes();
            if (plan.approveAll()) {
                approvePictures();
                export();
            }
            return done();
        } catch (RuntimeException e) { // ApiProblem, StoryFailed, a file that cannot be written: this line only
            state.record(line, storyId, stage, e.getMessage());
            Log.infof("batch line failed line=%d storyId=%s stage=%s problem=%s", line.number(), storyId, stage,
                    e.getMessage());
            bar.message("failed");
            bar.finish();
            return Outcome.failed(line.number(), storyId, stage, e.getMessage());
        }
    }

    private void create() {
        stopIfAsked();
        if (stage.reached(Stage.CREATED)) {
            return;
        }
        bar.message("creating");
        reach(Stage.CREATING);
        try {
            storyId = api.post("/api/stories", Map.of("answers", line.answers())).path("id").asText();
        } catch (ApiProblem e) {
            stage = e.mayHaveActed() ? Stage.CREATING : Stage.NEW; // refused or never sent: nothing was created
            throw e;
        }
        reach(Stage.CREATED);
        Log.infof("batch story created line=%d storyId=%s", line.number(), storyId);
    }

    private void edit() {
        stopIfAsked();
        if (stage.reached(Stage.EDITED)) {
            return;
        }
        awaitWritten();
        bar.message("editing");
        line.edits().forEach((scene, text) -> api.put(story("/scenes/" + scene), Map.of("text", text)));
        reach(Stage.EDITED);
    }

    private void approveScenes() {
        stopIfAsked();
        if (stage.reached(Stage.SCENES_APPROVED)) {
            return;
        }
        bar.message("approving scenes");
        // a re-run after the call went through but before it was recorded finds the story past DRAFTED
        if ("DRAFTED".equals(view().path("story").path("status").asText())) {
            api.post(story("/approve-scenes"), null);
        }
        reach(Stage.SCENES_APPROVED);
    }

    /** The gateway accepts a story at once (202) and writes it in the background: until it is no longer WRITING. */
    private void awaitWritten() {
        bar.message("writing");
        long since = System.nanoTime();
        while ("WRITING".equals(view().path("story").path("status").asText())) {
            stopIfAsked();
            if (System.nanoTime() - since > plan.stall().toNanos()) {
                throw new StoryFailed("the story was still being written after " + plan.stall().toSeconds() + " s ("
                        + lastView.path("scenes").size() + " of 20 scenes)");
            }
            pause();
        }
    }

    /** Until the story view says every picture is approved: approve each READY one, ask again for each FAILED one. */
    private void approvePictures() {
        if (stage.reached(Stage.PICTURES_APPROVED)) {
            return;
        }
        bar.message("pictures");
        long lastMove = System.nanoTime();
        String lastProgress = "";
        while (!view().path("allApproved").asBoolean()) {
            stopIfAsked();
            lastView.path("scenes").forEach(this::decide);
            JsonNode counts = lastView.path("counts");
            String progress = counts.toString();
            bar.pictures(counts.path("approved").asInt(), counts.path("total").asInt());
            if (!progress.equals(lastProgress)) {
                lastProgress = progress;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > plan.stall().toNanos()) {
                throw new StoryFailed("no picture became READY or approved for " + plan.stall().toSeconds()
                        + " s (" + counts.path("approved").asInt() + "/" + counts.path("total").asInt() + " approved)");
            }
            pause();
        }
        bar.pictures(lastView.path("counts").path("approved").asInt(), lastView.path("counts").path("total").asInt());
        reach(Stage.PICTURES_APPROVED);
    }

    private void decide(JsonNode scene) {
        int number = scene.path("number").asInt();
        String approval = scene.path("approval").path("state").asText("");
        String image = scene.path("image").path("status").asText("");
        try {
            if ("PENDING".equals(approval) && "READY".equals(image)) {
                api.post(story("/scenes/" + number + "/approval"), Map.of("action", "approve"));
            } else if (("FAILED".equals(image) || "FAILED".equals(approval)) && notAskedAgain(scene)) {
                int asked = retries.merge(number, 1, Integer::sum);
                if (asked > plan.pictureRetries()) {
                    throw new StoryFailed("picture %d failed %d times: %s".formatted(number, asked,
                            scene.path("image").path("error").path("message").asText("no reason given")));
                }
                api.post(story("/scenes/" + number + "/retry"), null);
            }
        } catch (ApiProblem e) {
            if (e.status() != 409) { // 409: decided meanwhile; the next look says what it is now
                throw e;
            }
        }
    }

    private boolean notAskedAgain(JsonNode scene) {
        int number = scene.path("number").asInt();
        int attempt = scene.path("image").path("attempt").asInt();
        if (retriedAttempt.getOrDefault(number, 0) >= attempt) {
            return false;
        }
        retriedAttempt.put(number, attempt);
        return true;
    }

    private void export() {
        stopIfAsked();
        if (plan.exportDir().isEmpty() || stage.reached(Stage.EXPORTED)) {
            return;
        }
        bar.message("export");
        Path dir = plan.exportDir().get();
        String name = "line-%03d-%s".formatted(line.number(), storyId);
        api.download(story("/export"), dir.resolve(name + ".zip"));
        api.download(story("/book.pdf"), dir.resolve(name + ".pdf"));
        reach(Stage.EXPORTED);
    }

    private Outcome done() {
        if (lastView == null) {
            view();
        }
        int approved = lastView.path("counts").path("approved").asInt();
        int total = lastView.path("counts").path("total").asInt();
        String note = plan.approveAll() ? (plan.exportDir().isPresent() ? "exported" : "all approved")
                : "board " + api.base().resolve("/#/story/" + storyId);
        bar.message(plan.approveAll() ? "done" : "at the board");
        bar.finish();
        return new Outcome(line.number(), storyId, stage, approved, total, false, note);
    }

    private JsonNode view() {
        lastView = api.get(story(""));
        return lastView;
    }

    private void reach(Stage reached) {
        stage = reached;
        state.record(line, storyId, reached, null);
    }

    private String story(String rest) {
        return "/api/stories/" + storyId + rest;
    }

    /** Between two steps, never inside one: a call under way is answered and recorded first. */
    private void stopIfAsked() {
        if (plan.stopping().getAsBoolean()) {
            throw new StoryFailed("stopped at " + stage + " (the batch was ended): run it again to go on");
        }
    }

    private void pause() {
        try {
            Thread.sleep(plan.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoryFailed("stopped while waiting");
        }
    }

    /** The story cannot go on in this run (a deadline passed, a picture kept failing). */
    static final class StoryFailed extends RuntimeException {
        StoryFailed(String message) {
            super(message);
        }
    }
}
