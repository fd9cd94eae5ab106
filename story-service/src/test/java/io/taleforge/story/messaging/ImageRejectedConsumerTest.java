package io.taleforge.story.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.service.StoryService;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/** image-rejected over the real broker: a new attempt with the feedback, exactly once per message. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ImageRejectedConsumerTest {

    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED, Topics.STORY_STATUS,
                Topics.dlq(Topics.IMAGE_REJECTED));
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void aDuplicateRejectionMakesOneNewAttempt() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approveWithPortrait(owner, storyId);
        String firstPrompt = scene(owner, storyId, 3).getString("prompt");

        String ceId = UUID.randomUUID().toString();
        ImageRejected rejected = new ImageRejected(storyId, 3, 1, "make the sky pink and hide the sword");
        probe.send(Topics.IMAGE_REJECTED, storyId, rejected, ceId);
        probe.send(Topics.IMAGE_REJECTED, storyId, rejected, ceId);
        // a later, different rejection on the same partition: once it is handled, both copies above were
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 4, 1, null));

        await("scene 4 at attempt 2").atMost(Duration.ofSeconds(30))
                .until(() -> scene(owner, storyId, 4).getInt("attempt") == 2);
        JsonPath scene3 = scene(owner, storyId, 3);
        assertEquals(2, scene3.getInt("attempt"));
        String revised = scene3.getString("prompt");
        assertTrue(revised.startsWith(firstPrompt), "sheet and style kept: " + revised);
        assertTrue(revised.endsWith("Reader's request for this picture: make the sky pink and hide the wooden staff."),
                revised);
        assertEquals(firstPrompt(owner, storyId, 4), scene(owner, storyId, 4).getString("prompt"),
                "a plain retry keeps the prompt");

        List<SceneApproved> attempts = TestStories.outbox(storyId, Topics.SCENE_APPROVED).stream()
                .map(TestStories::sceneApproved).filter(e -> e.sceneNumber() == 3 && e.attempt() == 2).toList();
        assertEquals(1, attempts.size(), "exactly one new attempt for the duplicated message");

        List<Received> published = probe.await(Topics.SCENE_APPROVED,
                r -> KafkaProbe.ofStory(storyId).test(r) && r.as(SceneApproved.class).attempt() == 2, 2,
                Duration.ofSeconds(30));
        SceneApproved again = published.stream().map(r -> r.as(SceneApproved.class))
                .filter(e -> e.sceneNumber() == 3).findFirst().orElseThrow();
        assertEquals(revised, again.prompt());
        probe.await(Topics.STORY_STATUS, r -> storyId.equals(r.key())
                && r.as(StoryStatus.class).status() == StoryStatus.Status.REGENERATING, 1, Duration.ofSeconds(30));
        assertEquals(2, QuarkusTransaction.requiringNew().call(() -> JournalEntry.count(
                "storyId = ?1 and operation = 'revise-prompt' and status = ?2", UUID.fromString(storyId),
                JournalEntry.Status.SUCCESS)), "one journaled revision per new attempt");
    }

    @Test
    void aRejectedPortraitIsRedrawnAloneAndARejectedSceneKeepsTheApprovedPortraitAsReference() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approve(owner, storyId);
        String firstPortrait = scene(owner, storyId, 0).getString("prompt");
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 0, 1, "a bigger red scarf"));
        await("the portrait at attempt 2").atMost(Duration.ofSeconds(30))
                .until(() -> scene(owner, storyId, 0).getInt("attempt") == 2);
        String redrawn = scene(owner, storyId, 0).getString("prompt");
        assertTrue(redrawn.startsWith(firstPortrait) && redrawn.endsWith("a bigger red scarf."), redrawn);
        List<SceneApproved> sent = TestStories.outbox(storyId, Topics.SCENE_APPROVED).stream()
                .map(TestStories::sceneApproved).toList();
        assertEquals(List.of(0, 0), sent.stream().map(SceneApproved::sceneNumber).toList(),
                "only the portrait is drawn until it is approved");
        assertEquals(null, sent.get(1).referenceUrl());

        assertTrue(Arc.container().instance(StoryService.class).get().portraitApproved(UUID.fromString(storyId), 2,
                TestStories.portraitUrl(storyId)));
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 9, 1, "more rain"));
        await("scene 9 at attempt 2").atMost(Duration.ofSeconds(30))
                .until(() -> scene(owner, storyId, 9).getInt("attempt") == 2);
        SceneApproved again = TestStories.outbox(storyId, Topics.SCENE_APPROVED).stream()
                .map(TestStories::sceneApproved).filter(e -> e.sceneNumber() == 9 && e.attempt() == 2)
                .findFirst().orElseThrow();
        assertEquals(TestStories.portraitUrl(storyId), again.referenceUrl(), "the same approved portrait");
    }

    @Test
    void aRejectionOfAnOlderAttemptChangesNothing() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approveWithPortrait(owner, storyId);
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 5, 1, "brighter"));
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 5, 1, "darker"));
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 6, 1, null));
        await("scene 6 at attempt 2").atMost(Duration.ofSeconds(30))
                .until(() -> scene(owner, storyId, 6).getInt("attempt") == 2);
        JsonPath scene5 = scene(owner, storyId, 5);
        assertEquals(2, scene5.getInt("attempt"));
        assertTrue(scene5.getString("prompt").endsWith("brighter."), scene5.getString("prompt"));
    }

    @Test
    void aRejectionThatCannotBeHandledIsDeadLettered() {
        String unknownStory = UUID.randomUUID().toString();
        String ceId = probe.send(Topics.IMAGE_REJECTED, unknownStory, new ImageRejected(unknownStory, 1, 1, "x"));
        Received dead = probe.await(Topics.dlq(Topics.IMAGE_REJECTED), r -> unknownStory.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertTrue(dead.header("dead-letter-reason").contains("unknown story " + unknownStory),
                String.valueOf(dead.headers()));
        assertEquals(unknownStory, dead.as(ImageRejected.class).storyId());
        assertEquals(ceId, dead.header("ce_id"));
    }

    @Test
    void anInvalidRecordIsDeadLetteredBeforeAdmissionWithTheReason() {
        String storyId = UUID.randomUUID().toString();
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 21, 1, "x"));
        Received dead = probe.await(Topics.dlq(Topics.IMAGE_REJECTED), r -> storyId.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertTrue(dead.header("dead-letter-reason").contains("sceneNumber must be from 0 to 20, not 21"),
                String.valueOf(dead.headers()));

        String unreadable = UUID.randomUUID().toString();
        probe.send(Topics.IMAGE_REJECTED, unreadable, Map.of("storyId", unreadable, "sceneNumber", "three"));
        Received garbled = probe.await(Topics.dlq(Topics.IMAGE_REJECTED), r -> unreadable.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertTrue(garbled.header("dead-letter-reason").contains("\"three\""), String.valueOf(garbled.headers()));
    }

    private static JsonPath scene(String owner, String storyId, int n) {
        return given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", storyId)
                .then().statusCode(200).extract().jsonPath().setRootPath(n == 0 ? "portrait" : "scenes[" + (n - 1) + "]");
    }

    private static String firstPrompt(String owner, String storyId, int n) {
        return TestStories.outbox(storyId, Topics.SCENE_APPROVED).stream().map(TestStories::sceneApproved)
                .filter(e -> e.sceneNumber() == n && e.attempt() == 1).findFirst().map(SceneApproved::prompt)
                .orElseThrow();
    }
}
