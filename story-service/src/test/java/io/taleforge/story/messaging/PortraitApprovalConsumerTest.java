package io.taleforge.story.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.ApprovalStatus.Decision;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/** approval-status over the real broker: the portrait's approval starts the 20 scenes' pictures, once. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class PortraitApprovalConsumerTest {

    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED,
                Topics.dlq(Topics.APPROVAL_STATUS));
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void theApprovedPortraitStartsTheTwentyScenesWithItsImageAsReferenceOnce() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approve(owner, storyId);
        String url = TestStories.portraitUrl(storyId);
        // statuses that start nothing: the portrait pending or rejected, a scene approved
        probe.send(Topics.APPROVAL_STATUS, storyId, new ApprovalStatus(storyId, 0, 1, Decision.PENDING, 0, 20, false, url));
        probe.send(Topics.APPROVAL_STATUS, storyId, new ApprovalStatus(storyId, 4, 1, Decision.APPROVED, 1, 20, false, url));
        String ceId = UUID.randomUUID().toString();
        ApprovalStatus approved = new ApprovalStatus(storyId, 0, 1, Decision.APPROVED, 0, 20, false, url);
        probe.send(Topics.APPROVAL_STATUS, storyId, approved, ceId);
        probe.send(Topics.APPROVAL_STATUS, storyId, approved, ceId);
        probe.send(Topics.APPROVAL_STATUS, storyId, approved);

        List<SceneApproved> scenes = probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 21,
                Duration.ofSeconds(60)).stream().map(r -> r.as(SceneApproved.class)).toList();
        assertEquals(IntStream.rangeClosed(0, 20).boxed().toList(), scenes.stream().map(SceneApproved::sceneNumber)
                .sorted().toList(), "the portrait and the 20 scenes, each once");
        // first in the order written: the records are keyed per picture, so a reader of the topic
        // sees them interleaved by partition, and the relay may send them in one drain side by side
        assertEquals(0, TestStories.sceneApproved(TestStories.outbox(storyId, Topics.SCENE_APPROVED).get(0))
                .sceneNumber(), "the portrait first");
        scenes.stream().filter(s -> s.sceneNumber() > 0)
                .forEach(s -> assertEquals(url, s.referenceUrl(), "scene " + s.sceneNumber()));
        await("every scene at attempt 1").atMost(Duration.ofSeconds(30)).until(() -> given()
                .header(TestStories.OWNER_HEADER, owner).get("/stories/{id}", storyId).then().extract()
                .jsonPath().getList("scenes.attempt", Integer.class).stream().allMatch(a -> a != null && a == 1));
        await("no second batch for the repeated approvals").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> TestStories.outbox(storyId, Topics.SCENE_APPROVED).size() == 21);
    }

    @Test
    void anApprovedPortraitWithoutItsImageIsDeadLetteredWithTheReason() {
        String storyId = UUID.randomUUID().toString();
        probe.send(Topics.APPROVAL_STATUS, storyId, new ApprovalStatus(storyId, 0, 1, Decision.APPROVED, 0, 20, false));
        Received dead = probe.await(Topics.dlq(Topics.APPROVAL_STATUS), r -> storyId.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertTrue(dead.header("dead-letter-reason").contains("imageUrl"), String.valueOf(dead.headers()));
    }
}
