package io.taleforge.story.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/** The relay publishes the outbox to the real broker: in order, keyed by story id, as binary CloudEvents. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OutboxRelayTest {

    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED, Topics.STORY_STATUS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void approvalReachesTheBrokerKeyedByPictureAndSpreadOverPartitions() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approveWithPortrait(owner, storyId);

        List<Received> scenes = probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 21, Duration.ofSeconds(30));
        assertEquals(21, scenes.size());
        assertTrue(scenes.stream().map(Received::partition).distinct().count() > 1,
                "a story's pictures spread over the partitions (keyed by storyId/scene)");
        // first in the order written (the topic's reader sees the pictures interleaved by partition)
        assertEquals(0, TestStories.sceneApproved(TestStories.outbox(storyId, Topics.SCENE_APPROVED).get(0))
                .sceneNumber(), "the portrait first");
        assertEquals(IntStream.rangeClosed(0, 20).boxed().toList(),
                scenes.stream().map(r -> r.as(SceneApproved.class).sceneNumber()).sorted().toList(),
                "every picture once");

        Map<Integer, OutboxEntry> rows = TestStories.outbox(storyId, Topics.SCENE_APPROVED).stream()
                .collect(Collectors.toMap(r -> TestStories.sceneApproved(r).sceneNumber(), r -> r));
        for (Received record : scenes) {
            SceneApproved event = record.as(SceneApproved.class);
            assertEquals(storyId, event.storyId());
            assertEquals(1, event.attempt());
            assertEquals("1.0", record.header("ce_specversion"));
            assertEquals(EventTypes.SCENE_APPROVED, record.header("ce_type"));
            assertEquals(EventTypes.SOURCE_STORY_SERVICE, record.header("ce_source"));
            assertEquals(SceneApproved.key(storyId, event.sceneNumber()), record.key());
            assertEquals(record.key(), record.header("ce_subject"));
            assertNotNull(record.header("ce_time"));
            assertEquals(rows.get(event.sceneNumber()).id, record.header("ce_id"), "CloudEvent id = outbox id");
        }
        List<StoryStatus> statuses = probe.await(Topics.STORY_STATUS, r -> storyId.equals(r.key()), 3, Duration.ofSeconds(30))
                .stream().map(r -> r.as(StoryStatus.class)).toList();
        assertEquals(List.of(StoryStatus.Status.WRITING, StoryStatus.Status.DRAFTED, StoryStatus.Status.SCENES_APPROVED),
                statuses.stream().map(StoryStatus::status).toList());
        assertEquals("Pip Whiskers and the Everlasting Lantern", statuses.get(2).title());

        await("every outbox row marked sent").atMost(Duration.ofSeconds(10))
                .until(() -> TestStories.unsent(storyId) == 0);
    }

    @Test
    void doubleApprovalPublishesOneBatch() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        TestStories.approve(owner, storyId);
        TestStories.approve(owner, storyId);
        probe.await(Topics.STORY_STATUS, r -> storyId.equals(r.key()), 3, Duration.ofSeconds(30));
        probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 1, Duration.ofSeconds(30));
        await("all rows of the story sent").atMost(Duration.ofSeconds(10))
                .until(() -> TestStories.unsent(storyId) == 0);
        // every row was acknowledged and arrived; nothing more is waiting to go out: one portrait, no scene yet
        assertEquals(1, probe.forStory(Topics.SCENE_APPROVED, storyId).size());
        assertEquals(3, probe.forStory(Topics.STORY_STATUS, storyId).size());
    }
}
