package io.taleforge.approval.rest;

import static io.restassured.RestAssured.given;
import static io.taleforge.approval.Fixtures.DEADLINE;
import static io.taleforge.approval.Fixtures.awaitState;
import static io.taleforge.approval.Fixtures.decide;
import static io.taleforge.approval.Fixtures.newStory;
import static io.taleforge.approval.Fixtures.publish;
import static io.taleforge.approval.Fixtures.ready;
import static io.taleforge.approval.Fixtures.retry;
import static io.taleforge.approval.Fixtures.status;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.approval.Fixtures;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.ImageStatus.Status;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;

/** Decisions and retries over REST, with the events they send through the outbox to the real broker. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ApprovalResourceTest {

    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = Fixtures.probe();
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    private static List<ImageRejected> rejections(String story, int count) {
        return probe.await(Topics.IMAGE_REJECTED, r -> story.equals(r.key()), count, DEADLINE).stream()
                .map(r -> r.as(ImageRejected.class)).toList();
    }

    private static List<ApprovalStatus> statuses(String story, int count) {
        return probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key()), count, DEADLINE).stream()
                .map(r -> r.as(ApprovalStatus.class)).toList();
    }

    @Test
    void approveMakesTheSceneApprovedAndAnnouncesIt() {
        String story = newStory();
        ready(probe, story, 1, 1);

        decide(story, 1, "approve", null).statusCode(200)
                .body("sceneNumber", equalTo(1))
                .body("attempt", equalTo(1))
                .body("state", equalTo("APPROVED"))
                .body("imageUrl", equalTo(Fixtures.imageUrl(story, 1, 1)))
                .body("feedback", nullValue());

        given().get("/approvals/{id}", story).then().statusCode(200)
                .body("scenes[1].state", equalTo("APPROVED"))
                .body("approvedCount", equalTo(1))
                .body("allApproved", equalTo(false));
        assertEquals(new ApprovalStatus(story, 1, 1, ApprovalStatus.Decision.APPROVED, 1, 20, false,
                Fixtures.imageUrl(story, 1, 1)),
                statuses(story, 2).get(1));
        assertEquals(List.of(), probe.forStory(Topics.IMAGE_REJECTED, story));
    }

    @Test
    void rejectSendsImageRejectedWithTheFeedbackAndTheRejectedAttempt() {
        String story = newStory();
        ready(probe, story, 4, 1);
        publish(probe, status(story, 4, 2, Status.READY));
        awaitState(story, 4, 2, "PENDING");

        decide(story, 4, "reject", "make the fox smile").statusCode(200)
                .body("state", equalTo("REJECTED"))
                .body("attempt", equalTo(2))
                .body("feedback", equalTo("make the fox smile"));

        KafkaProbe.Received record = probe.await(Topics.IMAGE_REJECTED, r -> story.equals(r.key()), 1, DEADLINE).get(0);
        assertEquals(new ImageRejected(story, 4, 2, "make the fox smile"), record.as(ImageRejected.class));
        assertEquals("io.taleforge.image.rejected.v1", record.header("ce_type"));
        assertEquals("1.0", record.header("ce_specversion"));
        ApprovalStatus last = statuses(story, 3).get(2);
        assertEquals(ApprovalStatus.Decision.REJECTED, last.decision());
        assertEquals(2, last.attempt());
    }

    @Test
    void thePortraitIsPictureZeroListedFirstDecidedLikeASceneAndNotCountedAsOne() {
        String story = newStory();
        ready(probe, story, 0, 1);
        decide(story, 0, "reject", "a bigger scarf").statusCode(200).body("sceneNumber", equalTo(0));
        assertEquals(List.of(new ImageRejected(story, 0, 1, "a bigger scarf")), rejections(story, 1));

        ready(probe, story, 0, 2);
        decide(story, 0, "approve", null).statusCode(200).body("state", equalTo("APPROVED"));
        given().get("/approvals/{id}", story).then().statusCode(200)
                .body("scenes[0].sceneNumber", equalTo(0))
                .body("scenes[0].state", equalTo("APPROVED"))
                .body("scenes[1].sceneNumber", equalTo(1))
                .body("approvedCount", equalTo(0))
                .body("total", equalTo(20));
        ApprovalStatus approved = probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key())
                && r.as(ApprovalStatus.class).decision() == ApprovalStatus.Decision.APPROVED, 1, DEADLINE)
                .get(0).as(ApprovalStatus.class);
        assertEquals(new ApprovalStatus(story, 0, 2, ApprovalStatus.Decision.APPROVED, 0, 20, false,
                Fixtures.imageUrl(story, 0, 2)), approved, "the approved portrait's image travels with its approval");
    }

    @Test
    void sameDecisionAgainAnswersTheSameAndSendsNoSecondEvent() {
        String story = newStory();
        ready(probe, story, 2, 1);
        ready(probe, story, 3, 1);
        ready(probe, story, 5, 1);

        decide(story, 2, "reject", "darker sky").statusCode(200).body("state", equalTo("REJECTED"));
        decide(story, 2, "reject", "darker sky").statusCode(200)
                .body("state", equalTo("REJECTED")).body("feedback", equalTo("darker sky"));
        decide(story, 3, "approve", null).statusCode(200);
        decide(story, 3, "approve", "nice").statusCode(200).body("state", equalTo("APPROVED"));
        // a later rejection of the same story: same partition, so any duplicate of scene 2's would precede it
        decide(story, 5, "reject", null).statusCode(200);

        assertEquals(List.of(new ImageRejected(story, 2, 1, "darker sky"), new ImageRejected(story, 5, 1, null)),
                rejections(story, 2));
        probe.await(Topics.APPROVAL_STATUS, r -> story.equals(r.key())
                && r.as(ApprovalStatus.class).sceneNumber() == 5
                && r.as(ApprovalStatus.class).decision() == ApprovalStatus.Decision.REJECTED, 1, DEADLINE);
        List<ApprovalStatus> decisions = probe.forStory(Topics.APPROVAL_STATUS, story).stream()
                .map(r -> r.as(ApprovalStatus.class)).filter(s -> s.decision() != ApprovalStatus.Decision.PENDING)
                .toList();
        assertEquals(List.of(2, 3, 5), decisions.stream().map(ApprovalStatus::sceneNumber).toList(),
                "one approval-status per decision, none for the repeats");
    }

    @Test
    void aDifferentDecisionOnADecidedAttemptIsAConflict() {
        String story = newStory();
        ready(probe, story, 6, 1);
        ready(probe, story, 7, 1);
        decide(story, 6, "approve", null).statusCode(200);
        decide(story, 7, "reject", "too dark").statusCode(200);

        decide(story, 6, "reject", "changed my mind").statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://taleforge.io/problems/already-decided"))
                .body("status", equalTo(409));
        decide(story, 7, "approve", null).statusCode(409);
        decide(story, 7, "reject", "other words").statusCode(409);
        given().get("/approvals/{id}", story).then()
                .body("scenes[6].state", equalTo("APPROVED"))
                .body("scenes[7].state", equalTo("REJECTED"))
                .body("scenes[7].feedback", equalTo("too dark"));
    }

    @Test
    void decidingOnAnImageThatIsNotReadyIsAConflict() {
        String story = newStory();
        publish(probe, status(story, 1, 1, Status.GENERATING));
        publish(probe, status(story, 2, 1, Status.FAILED));
        awaitState(story, 2, 1, "FAILED");
        awaitState(story, 1, 1, "WAITING");

        decide(story, 1, "approve", null).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://taleforge.io/problems/image-not-ready"));
        decide(story, 2, "approve", null).statusCode(409);
        decide(story, 3, "reject", null).statusCode(409); // no image status for scene 3 at all
    }

    @Test
    void unknownStoryOrSceneIsNotFound() {
        String story = newStory();
        ready(probe, story, 1, 1);

        decide(newStory(), 1, "approve", null).statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        decide("not-a-story", 1, "approve", null).statusCode(404);
        decide(story, -1, "approve", null).statusCode(404);
        decide(story, 0, "approve", null).statusCode(409); // the portrait, picture 0, has no image yet
        decide(story, 21, "approve", null).statusCode(404);
        retry(story, 21).statusCode(404);
        retry(newStory(), 1).statusCode(404);
        given().get("/approvals/{id}", newStory()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void badActionOrTooLongFeedbackIsBadRequestNamingTheField() {
        String story = newStory();
        ready(probe, story, 1, 1);

        decide(story, 1, "maybe", null).statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("action"));
        given().contentType(ContentType.JSON).body("{\"feedback\":\"x\"}")
                .post("/approvals/{id}/{n}", story, 1).then().statusCode(400)
                .body("errors[0].field", equalTo("action"));
        decide(story, 1, "reject", "x".repeat(1001)).statusCode(400)
                .body("errors[0].field", equalTo("feedback"));
        given().contentType(ContentType.JSON).body("{\"action\":")
                .post("/approvals/{id}/{n}", story, 1).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        // the limit counts characters: "𝒫" is one (two UTF-16 units), so 1,000 of them fit
        decide(story, 1, "reject", "\uD835\uDCAB".repeat(1001)).statusCode(400).body("errors[0].field", equalTo("feedback"));
        decide(story, 1, "reject", "\uD835\uDCAB".repeat(1000)).statusCode(200).body("state", equalTo("REJECTED"));
    }

    @Test
    void retryOfAFailedImageSendsImageRejectedWithoutFeedbackOnce() {
        String story = newStory();
        publish(probe, status(story, 8, 1, Status.FAILED));
        awaitState(story, 8, 1, "FAILED");

        retry(story, 8).statusCode(202)
                .body("state", equalTo("WAITING"))
                .body("attempt", equalTo(1))
                .body("error.code", equalTo("content_policy"));
        retry(story, 8).statusCode(202).body("state", equalTo("WAITING"));
        assertEquals(List.of(new ImageRejected(story, 8, 1, null)), rejections(story, 1));

        // the next attempt arrives and can be decided; a retry of a ready image is a conflict
        ready(probe, story, 8, 2);
        retry(story, 8).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://taleforge.io/problems/image-not-failed"));
        decide(story, 8, "reject", "again").statusCode(200);
        assertEquals(List.of(new ImageRejected(story, 8, 1, null), new ImageRejected(story, 8, 2, "again")),
                rejections(story, 2), "exactly one retry event, then the rejection");
    }

    @Test
    void aLateStatusOfTheRetriedAttemptDoesNotUndoTheRetry() {
        String story = newStory();
        publish(probe, status(story, 9, 1, Status.FAILED));
        awaitState(story, 9, 1, "FAILED");
        retry(story, 9).statusCode(202);

        publish(probe, status(story, 9, 1, Status.FAILED));
        ready(probe, story, 10, 1);

        awaitState(story, 9, 1, "WAITING");
        retry(story, 9).statusCode(202);
        decide(story, 10, "reject", null).statusCode(200);
        assertEquals(List.of(new ImageRejected(story, 9, 1, null), new ImageRejected(story, 10, 1, null)),
                rejections(story, 2));
    }

    @Test
    void approveAllApprovesEveryPendingImageAndNothingElse() {
        String story = newStory();
        ready(probe, story, 1, 1);
        ready(probe, story, 2, 1);
        publish(probe, status(story, 3, 1, Status.FAILED));
        awaitState(story, 3, 1, "FAILED");

        given().post("/approvals/{id}/approve-all", story).then().statusCode(200)
                .body("storyId", equalTo(story))
                .body("scenes.sceneNumber", contains(1, 2))
                .body("scenes.state", contains("APPROVED", "APPROVED"));
        awaitState(story, 3, 1, "FAILED");
        given().get("/approvals/{id}", story).then().body("approvedCount", equalTo(2));
        List<ApprovalStatus> approved = statuses(story, 5).stream()
                .filter(e -> e.decision() == ApprovalStatus.Decision.APPROVED).toList();
        assertEquals(List.of(1, 2), approved.stream().map(ApprovalStatus::sceneNumber).toList());
        assertEquals(2, approved.get(1).approvedCount());

        given().post("/approvals/{id}/approve-all", story).then().statusCode(200).body("scenes", hasSize(0));
        given().post("/approvals/{id}/approve-all", newStory()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void retryFailedAsksAgainForEveryFailedImageOnce() {
        String story = newStory();
        publish(probe, status(story, 4, 1, Status.FAILED));
        publish(probe, status(story, 5, 1, Status.FAILED));
        ready(probe, story, 6, 1);
        awaitState(story, 4, 1, "FAILED");
        awaitState(story, 5, 1, "FAILED");

        given().post("/approvals/{id}/retry-failed", story).then().statusCode(202)
                .body("scenes.sceneNumber", contains(4, 5))
                .body("scenes.state", contains("WAITING", "WAITING"));
        given().post("/approvals/{id}/retry-failed", story).then().statusCode(202).body("scenes", hasSize(0));
        assertEquals(List.of(new ImageRejected(story, 4, 1, null), new ImageRejected(story, 5, 1, null)),
                rejections(story, 2));
        awaitState(story, 6, 1, "PENDING");
        given().post("/approvals/{id}/retry-failed", newStory()).then().statusCode(404);
    }
}
