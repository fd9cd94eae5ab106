package io.taleforge.approval.service;

import static io.restassured.RestAssured.given;
import static io.taleforge.approval.Fixtures.DEADLINE;
import static io.taleforge.approval.Fixtures.awaitState;
import static io.taleforge.approval.Fixtures.imageUrl;
import static io.taleforge.approval.Fixtures.decide;
import static io.taleforge.approval.Fixtures.newStory;
import static io.taleforge.approval.Fixtures.publish;
import static io.taleforge.approval.Fixtures.ready;
import static io.taleforge.approval.Fixtures.status;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.approval.Fixtures;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ImageStatus.Status;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;

/** The story's last approval is announced with allApproved exactly once, and it is in the database. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class AllApprovedTest {

    private static KafkaProbe probe;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void openProbe() {
        probe = Fixtures.probe();
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    private static boolean isStory(KafkaProbe.Received r, String story) {
        return story.equals(r.key());
    }

    @Test
    void allTwentyApprovedIsAnnouncedExactlyOnce() throws Exception {
        String story = newStory();
        for (int n = 1; n <= 20; n++) {
            publish(probe, status(story, n, 1, Status.READY));
        }
        for (int n = 1; n <= 20; n++) {
            awaitState(story, n, 1, "PENDING");
        }
        for (int n = 1; n <= 19; n++) {
            decide(story, n, "approve", null).statusCode(200);
        }
        given().get("/approvals/{id}", story).then()
                .body("approvedCount", equalTo(19)).body("allApproved", equalTo(false));
        decide(story, 20, "approve", null).statusCode(200);
        decide(story, 20, "approve", null).statusCode(200); // repeated: no second announcement

        ApprovalStatus all = probe.await(Topics.APPROVAL_STATUS,
                r -> isStory(r, story) && r.as(ApprovalStatus.class).allApproved(), 1, DEADLINE)
                .get(0).as(ApprovalStatus.class);
        assertEquals(new ApprovalStatus(story, 20, 1, ApprovalStatus.Decision.APPROVED, 20, 20, true,
                imageUrl(story, 20, 1)), all);
        given().get("/approvals/{id}", story).then()
                .body("approvedCount", equalTo(20)).body("total", equalTo(20)).body("allApproved", equalTo(true));

        // a new attempt of an approved scene, approved again, brings the count back to 20: no second announcement
        publish(probe, status(story, 5, 2, Status.READY));
        awaitState(story, 5, 2, "PENDING");
        given().get("/approvals/{id}", story).then()
                .body("approvedCount", equalTo(19)).body("allApproved", equalTo(false));
        decide(story, 5, "approve", null).statusCode(200);
        ApprovalStatus again = probe.await(Topics.APPROVAL_STATUS, r -> isStory(r, story)
                && r.as(ApprovalStatus.class).attempt() == 2
                && r.as(ApprovalStatus.class).decision() == ApprovalStatus.Decision.APPROVED, 1, DEADLINE)
                .get(0).as(ApprovalStatus.class);
        assertEquals(new ApprovalStatus(story, 5, 2, ApprovalStatus.Decision.APPROVED, 20, 20, false,
                imageUrl(story, 5, 2)), again);

        List<ApprovalStatus> announced = probe.forStory(Topics.APPROVAL_STATUS, story).stream()
                .map(r -> r.as(ApprovalStatus.class)).toList();
        assertEquals(1, announced.stream().filter(ApprovalStatus::allApproved).count());
        assertEquals(20 + 20 + 2, announced.size(), "20 PENDING, 20 APPROVED, then PENDING and APPROVED of attempt 2");

        assertCommitted(story);
    }

    /** Read on a connection of its own: the decisions are committed rows, not state in memory. */
    private void assertCommitted(String story) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT COUNT(*) FROM scene_approval WHERE story_id = ? AND state = 'APPROVED'")) {
                q.setObject(1, UUID.fromString(story));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(20, rs.getInt(1));
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT all_approved_at FROM approval_story WHERE story_id = ?")) {
                q.setObject(1, UUID.fromString(story));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertNotNull(rs.getTimestamp(1));
                }
            }
        }
    }
}
