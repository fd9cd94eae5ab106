package io.taleforge.approval.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/**
 * Decisions survive a restart: the packaged service is killed with -9 after deciding, started
 * again on the same database, and answers, dedupes and refuses exactly as before.
 */
class RestartIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /**
     * The restarted instance reads its partition within this: the killed member is dropped after
     * the shared 10 s session timeout (Kafka's own 45 s took 37 s here), plus a loaded machine's margin.
     */
    private static final Duration READS_AGAIN_WITHIN = Duration.ofSeconds(25);

    @Test
    void decisionsAndProcessedMessagesSurviveAKill() throws Exception {
        String story = UUID.randomUUID().toString();
        try (ApprovalServiceProcess service = new ApprovalServiceProcess(RealInfra.get(), "restart-it");
                KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_REJECTED)) {
            service.start();
            String readyOfScene2 = probe.send(service.topic(), story, ready(story, 2));
            probe.send(service.topic(), story, ready(story, 1));
            awaitState(service, story, 1, "PENDING");
            awaitState(service, story, 2, "PENDING");
            assertEquals(200, decide(service, story, 1, "reject", "the owl has two heads").statusCode());
            assertEquals(200, decide(service, story, 2, "approve", null).statusCode());
            probe.await(Topics.IMAGE_REJECTED, r -> story.equals(r.key()), 1, DEADLINE);

            service.kill();
            service.start();
            long restartedAt = System.nanoTime();

            JsonNode view = approvals(service, story);
            assertEquals("REJECTED", ApprovalServiceProcess.scene(view, 1).path("state").asText());
            assertEquals("the owl has two heads", ApprovalServiceProcess.scene(view, 1).path("feedback").asText());
            assertEquals("APPROVED", ApprovalServiceProcess.scene(view, 2).path("state").asText());
            assertEquals(1, view.get("approvedCount").asInt());
            // the same decision answers the same, a different one is refused, as before the kill
            assertEquals(200, decide(service, story, 1, "reject", "the owl has two heads").statusCode());
            assertEquals(409, decide(service, story, 1, "approve", null).statusCode());
            assertEquals(200, decide(service, story, 2, "approve", null).statusCode());
            // an image-status delivered again after the restart is still recognized as seen
            probe.send(service.topic(), story, new ImageStatus(story, 2, 1, ImageStatus.Status.FAILED, null,
                    "local", "renderer-1", null, new ImageStatus.ImageError("x", "y"), Instant.now()), readyOfScene2);
            probe.send(service.topic(), story, ready(story, 3));
            awaitState(service, story, 3, "PENDING");
            Duration readsAgain = Duration.ofNanos(System.nanoTime() - restartedAt);
            System.out.printf("RestartIT: the restarted instance read a new record %d ms after it was ready%n",
                    readsAgain.toMillis());
            assertTrue(readsAgain.compareTo(READS_AGAIN_WITHIN) < 0, "the restarted instance reads again within "
                    + READS_AGAIN_WITHIN + ", not after Kafka's 45 s session timeout: " + readsAgain);
            assertEquals("APPROVED", ApprovalServiceProcess.scene(approvals(service, story), 2).path("state").asText());

            // a later rejection of the same story: only it follows the first, no new event for scene 1. A row
            // published just before the kill but not yet marked sent goes out again with the same CloudEvent
            // id (at-least-once): consumers dedupe on it, so does this check
            assertEquals(200, decide(service, story, 3, "reject", null).statusCode());
            probe.await(Topics.IMAGE_REJECTED, r -> story.equals(r.key())
                    && r.as(ImageRejected.class).sceneNumber() == 3, 1, DEADLINE);
            Map<String, ImageRejected> byId = new LinkedHashMap<>();
            probe.forStory(Topics.IMAGE_REJECTED, story)
                    .forEach(r -> byId.putIfAbsent(r.header("ce_id"), r.as(ImageRejected.class)));
            assertEquals(List.of(new ImageRejected(story, 1, 1, "the owl has two heads"),
                    new ImageRejected(story, 3, 1, null)), List.copyOf(byId.values()));
        }
    }

    private static ImageStatus ready(String story, int scene) {
        return new ImageStatus(story, scene, 1, ImageStatus.Status.READY, "/media/" + story + "/" + scene + ".png",
                "local", "renderer-1", 10L, null, Instant.now());
    }

    private static HttpResponse<String> decide(ApprovalServiceProcess service, String story, int scene,
            String action, String feedback) throws Exception {
        String body = feedback == null ? "{\"action\":\"%s\"}".formatted(action)
                : "{\"action\":\"%s\",\"feedback\":\"%s\"}".formatted(action, feedback);
        return service.post("/approvals/" + story + "/" + scene, body);
    }

    private static JsonNode approvals(ApprovalServiceProcess service, String story) throws Exception {
        HttpResponse<String> response = service.get("/approvals/" + story);
        assertEquals(200, response.statusCode(), response.body());
        return KafkaProbe.JSON.readTree(response.body());
    }

    private static void awaitState(ApprovalServiceProcess service, String story, int scene, String state) {
        Awaitility.await(story + " scene " + scene + " " + state).atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(service.sceneState(story, scene)));
    }
}
