package io.taleforge.approval.messaging;

import static io.restassured.RestAssured.given;
import static io.taleforge.approval.Fixtures.DEADLINE;
import static io.taleforge.approval.Fixtures.awaitState;
import static io.taleforge.approval.Fixtures.imageUrl;
import static io.taleforge.approval.Fixtures.newStory;
import static io.taleforge.approval.Fixtures.publish;
import static io.taleforge.approval.Fixtures.status;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.approval.Fixtures;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.ImageStatus.Status;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;

/** image-status through the real broker: what each status does to the scene's latest attempt. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ImageStatusConsumerTest {

    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = Fixtures.probe();
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void readyImageOfLatestAttemptBecomesPendingAndIsAnnounced() {
        String story = newStory();
        publish(probe, status(story, 3, 1, Status.QUEUED));
        awaitState(story, 3, 1, "WAITING");
        publish(probe, status(story, 3, 1, Status.GENERATING));
        publish(probe, status(story, 3, 1, Status.READY));

        awaitState(story, 3, 1, "PENDING");
        given().get("/approvals/{id}", story).then()
                .body("storyId", equalTo(story))
                .body("scenes.size()", equalTo(21))
                .body("scenes[0].sceneNumber", equalTo(0))
                .body("scenes[3].imageUrl", equalTo(imageUrl(story, 3, 1)))
                .body("scenes[3].error", nullValue())
                .body("scenes[1].state", equalTo("WAITING"))
                .body("scenes[1].attempt", nullValue())
                .body("approvedCount", equalTo(0))
                .body("total", equalTo(20))
                .body("allApproved", equalTo(false));
        ApprovalStatus announced = probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key()), 1, DEADLINE)
                .get(0).as(ApprovalStatus.class);
        assertEquals(new ApprovalStatus(story, 3, 1, ApprovalStatus.Decision.PENDING, 0, 20, false,
                imageUrl(story, 3, 1)), announced);
        KafkaProbe.Received record = probe.forStory(Topics.APPROVAL_STATUS, story).get(0);
        assertEquals("io.taleforge.approval.status.v1", record.header("ce_type"));
        assertEquals("/taleforge/approval-service", record.header("ce_source"));
    }

    @Test
    void olderAttemptNeverOverridesNewerOne() {
        String story = newStory();
        publish(probe, status(story, 5, 2, Status.READY));
        awaitState(story, 5, 2, "PENDING");

        publish(probe, status(story, 5, 1, Status.READY));
        publish(probe, status(story, 5, 1, Status.FAILED));
        publish(probe, status(story, 5, 1, Status.QUEUED));
        // a later status of the same story (same partition, consumed in order) marks that the above were handled
        publish(probe, status(story, 6, 1, Status.READY));
        awaitState(story, 6, 1, "PENDING");

        given().get("/approvals/{id}", story).then()
                .body("scenes[5].attempt", equalTo(2))
                .body("scenes[5].state", equalTo("PENDING"))
                .body("scenes[5].imageUrl", equalTo(imageUrl(story, 5, 2)))
                .body("scenes[5].error", nullValue());
    }

    @Test
    void newerAttemptMovesSceneToWaitingAndForgetsTheOldImage() {
        String story = newStory();
        publish(probe, status(story, 7, 1, Status.READY));
        awaitState(story, 7, 1, "PENDING");

        publish(probe, status(story, 7, 2, Status.QUEUED));
        awaitState(story, 7, 2, "WAITING");
        given().get("/approvals/{id}", story).then().body("scenes[7].imageUrl", nullValue());

        publish(probe, status(story, 7, 2, Status.READY));
        awaitState(story, 7, 2, "PENDING");
        given().get("/approvals/{id}", story).then().body("scenes[7].imageUrl", equalTo(imageUrl(story, 7, 2)));
    }

    @Test
    void failedAndSkippedAreRecordedWithTheirReason() {
        String story = newStory();
        publish(probe, status(story, 1, 1, Status.FAILED));
        publish(probe, new ImageStatus(story, 2, 1, Status.SKIPPED, null, "local", null,
                null, null, Instant.now()));

        awaitState(story, 1, 1, "FAILED");
        awaitState(story, 2, 1, "FAILED");
        given().get("/approvals/{id}", story).then()
                .body("scenes[1].error.code", equalTo("content_policy"))
                .body("scenes[1].error.message", equalTo("the provider refused the prompt"))
                .body("scenes[2].error.code", equalTo("skipped"));
        List<ApprovalStatus> announced = probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key()), 2, DEADLINE)
                .stream().map(r -> r.as(ApprovalStatus.class)).toList();
        assertEquals(List.of(ApprovalStatus.Decision.FAILED, ApprovalStatus.Decision.FAILED),
                announced.stream().map(ApprovalStatus::decision).toList());
    }

    @Test
    void redeliveredCloudEventChangesNothing() {
        String story = newStory();
        String ceId = probe.send(Topics.IMAGE_STATUS, story, status(story, 4, 1, Status.READY));
        awaitState(story, 4, 1, "PENDING");

        // the same CloudEvent id again, even with other data, is a redelivery: ignored
        probe.send(Topics.IMAGE_STATUS, story, status(story, 4, 2, Status.FAILED), ceId);
        publish(probe, status(story, 9, 1, Status.READY));
        awaitState(story, 9, 1, "PENDING");

        given().get("/approvals/{id}", story).then()
                .body("scenes[4].attempt", equalTo(1))
                .body("scenes[4].state", equalTo("PENDING"))
                .body("scenes[4].error", nullValue());
        List<KafkaProbe.Received> announced = probe.await(Topics.APPROVAL_STATUS,
                r -> story.equals(r.key()) && r.as(ApprovalStatus.class).sceneNumber() == 9, 1, DEADLINE);
        assertEquals(1, announced.size());
        assertEquals(1, probe.forStory(Topics.APPROVAL_STATUS, story).stream()
                .filter(r -> r.as(ApprovalStatus.class).sceneNumber() == 4).count(),
                "one approval-status for scene 4, not one per delivery");
    }

    @Test
    void invalidStatusIsDeadLetteredNotAckedSilently() {
        String story = newStory();
        String ceId = probe.send(Topics.IMAGE_STATUS, story, Map.of("storyId", story, "sceneNumber", 21,
                "attempt", 1, "status", "READY"));

        KafkaProbe.Received dead = probe.await(Topics.dlq(Topics.IMAGE_STATUS), r -> story.equals(r.key()), 1, DEADLINE)
                .get(0);
        assertEquals(ceId, dead.header("ce_id"));
        assertThat(dead.header("dead-letter-reason"), containsString("sceneNumber must be from 0 to 20, not 21"));
        given().get("/approvals/{id}", story).then().statusCode(404);
    }

    @Test
    void unreadableStatusIsDeadLetteredWithTheParsersReasonAndItsBytes() {
        String story = newStory();
        String ceId = probe.send(Topics.IMAGE_STATUS, story, Map.of("storyId", story, "sceneNumber", "three"));

        KafkaProbe.Received dead = probe.await(Topics.dlq(Topics.IMAGE_STATUS), r -> story.equals(r.key()), 1, DEADLINE)
                .get(0);
        assertEquals(ceId, dead.header("ce_id"));
        assertThat(dead.header("dead-letter-reason"), containsString("\"three\""));
        assertThat(dead.value(), containsString("\"three\""));
        given().get("/approvals/{id}", story).then().statusCode(404);
    }
}
