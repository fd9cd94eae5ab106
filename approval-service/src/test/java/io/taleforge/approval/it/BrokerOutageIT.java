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

import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.PrivateBroker;

/**
 * The outbox holds while the broker is away: decisions taken with Kafka down are answered and
 * kept, and reach the topics, in order, once a broker answers again. Uses a private broker (its
 * own ports and data) so the shared one is never touched.
 */
class BrokerOutageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void decisionsTakenWhileTheBrokerIsDownArePublishedInOrderWhenItIsBack() throws Exception {
        PrivateBroker privateBroker = PrivateBroker.start("approval-outage");
        LocalInfra broker = privateBroker.infra();
        String story = UUID.randomUUID().toString();
        try (ApprovalServiceProcess service = new ApprovalServiceProcess(broker, "outage-it");
                KafkaProbe probe = new KafkaProbe(broker.kafkaBootstrapServers(), Topics.IMAGE_REJECTED,
                        Topics.APPROVAL_STATUS)) {
            service.set("taleforge.outbox.send-timeout", "2s").start();
            probe.send(service.topic(), story, ready(story, 1));
            probe.send(service.topic(), story, ready(story, 2));
            awaitState(service, story, 2, "PENDING");
            probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key()), 2, DEADLINE);

            assertTrue(broker.stopKafka(), "the private broker stopped");
            assertEquals(200, decide(service, story, 1, "reject", "bigger wings").statusCode());
            assertEquals(200, decide(service, story, 2, "approve", null).statusCode());
            assertEquals("REJECTED", state(service, story, 1));
            Awaitility.await("the relay tried and failed while the broker was away").atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(500)).until(() -> service.logs().contains("outbox send failed"));

            assertTrue(broker.startKafka(), "the private broker started again");
            List<KafkaProbe.Received> rejected = probe.await(Topics.IMAGE_REJECTED,
                    r -> story.equals(r.key()), 1, DEADLINE);
            assertEquals(new ImageRejected(story, 1, 1, "bigger wings"), rejected.get(0).as(ImageRejected.class));
            probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key())
                    && r.as(ApprovalStatus.class).decision() == ApprovalStatus.Decision.APPROVED, 1, DEADLINE);

            // a resend after the outage keeps its CloudEvent id: once deduplicated by id, exactly the
            // four statuses, in the order they were decided
            Map<String, ApprovalStatus> byId = new LinkedHashMap<>();
            probe.forStory(Topics.APPROVAL_STATUS, story)
                    .forEach(r -> byId.putIfAbsent(r.header("ce_id"), r.as(ApprovalStatus.class)));
            assertEquals(List.of(ApprovalStatus.Decision.PENDING, ApprovalStatus.Decision.PENDING,
                    ApprovalStatus.Decision.REJECTED, ApprovalStatus.Decision.APPROVED),
                    byId.values().stream().map(ApprovalStatus::decision).toList());
            assertEquals(List.of(1, 2, 1, 2), byId.values().stream().map(ApprovalStatus::sceneNumber).toList());
            assertEquals(1, probe.forStory(Topics.IMAGE_REJECTED, story).stream()
                    .map(r -> r.header("ce_id")).distinct().count());
        } finally {
            privateBroker.close();
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

    private static String state(ApprovalServiceProcess service, String story, int scene) throws Exception {
        return service.sceneState(story, scene);
    }

    private static void awaitState(ApprovalServiceProcess service, String story, int scene, String expected) {
        Awaitility.await(story + " scene " + scene + " " + expected).atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200)).until(() -> expected.equals(state(service, story, scene)));
    }
}
