package io.taleforge.approval.history;

import static io.restassured.RestAssured.given;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.approval.Fixtures;
import io.taleforge.contracts.ImageStatus.Status;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;

/** Every decision stays in the history, earlier attempts' notes included, while the state keeps the latest. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class DecisionHistoryTest {

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
    void earlierAttemptsKeepTheirDecisionAndNote() {
        String story = newStory();
        ready(probe, story, 4, 1);
        decide(story, 4, "reject", "make the fox smile").statusCode(200);
        ready(probe, story, 4, 2);
        decide(story, 4, "approve", null).statusCode(200);
        decide(story, 4, "approve", null).statusCode(200); // a repeat is no new decision
        publish(probe, status(story, 9, 1, Status.FAILED));
        awaitState(story, 9, 1, "FAILED");
        retry(story, 9).statusCode(202);

        // the state forgot attempt 1's note; the history did not
        given().get("/approvals/{id}", story).then().body("scenes[4].feedback", nullValue());
        given().get("/approvals/{id}/history", story).then().statusCode(200)
                .body("storyId", equalTo(story))
                .body("decisions", hasSize(3))
                .body("decisions.sceneNumber", contains(4, 4, 9))
                .body("decisions.attempt", contains(1, 2, 1))
                .body("decisions.decision", contains("REJECTED", "APPROVED", "RETRY_REQUESTED"))
                .body("decisions[0].note", equalTo("make the fox smile"))
                .body("decisions[1].note", nullValue())
                .body("decisions[0].decidedAt", notNullValue());
    }

    @Test
    void aStoryNeverSeenHasNoHistory() {
        given().get("/approvals/{id}/history", newStory()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/approvals/{id}/history", "not-a-uuid").then().statusCode(404);
    }
}
