package io.taleforge.story.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.infra.LocalInfra;
import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;

/**
 * Kafka down during approval: the API still answers 202, the approval is durable in the outbox,
 * the relay keeps trying, and the 20 messages go out in order once the broker is back. Runs on
 * a private broker that it stops and restarts; the shared one is never touched.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.PrivateBroker.class)
class KafkaOutageTest {

    public static class PrivateBroker implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateKafkaResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void approvalWhileKafkaIsDownIsDeliveredWhenItReturns() {
        LocalInfra kafka = PrivateKafkaResource.infra();
        try (KafkaProbe probe = new KafkaProbe(kafka.kafkaBootstrapServers(), Topics.SCENE_APPROVED, Topics.STORY_STATUS)) {
            String owner = TestStories.owner();
            // the normal path first, so the producers know the broker and the topics
            String warm = TestStories.create(owner);
            TestStories.approveWithPortrait(owner, warm);
            probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(warm), 21, Duration.ofSeconds(60));
            String storyId = TestStories.create(owner);
            probe.await(Topics.STORY_STATUS, r -> storyId.equals(r.key()), 2, Duration.ofSeconds(30));

            kafka.stopKafka();
            TestStories.approveWithPortrait(owner, storyId);

            await("the relay tried and failed while the broker was down").atMost(Duration.ofSeconds(30))
                    .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count(
                            "messageKey like ?1 and sendAttempts > 0 and lastError is not null and sentAt is null",
                            storyId + "%")) > 0);
            assertEquals(22, TestStories.unsent(storyId),
                    "the portrait's and 20 scenes' scene-approved and 1 story-status wait in the outbox");
            assertTrue(probe.forStory(Topics.SCENE_APPROVED, storyId).isEmpty());

            kafka.startKafka();
            List<Integer> delivered = probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 21, Duration.ofSeconds(120))
                    .stream().map(r -> r.as(SceneApproved.class).sceneNumber()).distinct().sorted().toList();
            assertEquals(IntStream.rangeClosed(0, 20).boxed().toList(), delivered,
                    "the portrait and all 20 scenes (each picture its own key, so side by side)");
            await("every row marked sent").atMost(Duration.ofSeconds(30)).until(() -> TestStories.unsent(storyId) == 0);
        }
    }
}
