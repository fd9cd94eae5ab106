package io.taleforge.story.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.outbox.OutboxRelay;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * With several story-service instances on one database only the holder of the relay lease
 * publishes the outbox: an approval made while another instance holds it stays in the outbox,
 * then goes out once it is free. (The lease's own rules: service-data's LeasesTest.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OutboxLeaseTest {

    @Inject
    EntityManager em;

    @Test
    void theRelayWaitsWhileAnotherInstanceHoldsTheLeaseAndCatchesUpAfter() {
        try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED)) {
            String owner = TestStories.owner();
            String storyId = TestStories.create(owner);
            await("the DRAFTED status sent").atMost(Duration.ofSeconds(30))
                    .until(() -> TestStories.unsent(storyId) == 0);
            setHolder("another-instance", 10);
            TestStories.approveWithPortrait(owner, storyId);

            // SCENES_APPROVED, the portrait's and the 20 scenes' scene-approved rows, none of them sent
            await("nothing is relayed while another instance holds the lease")
                    .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> TestStories.unsent(storyId) == 22);
            assertEquals(0, probe.forStory(Topics.SCENE_APPROVED, storyId).size());

            setHolder(null, 0); // that instance stopped and released it
            assertEquals(21, probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 21,
                    Duration.ofSeconds(30)).size());
            await("every row sent").atMost(Duration.ofSeconds(10)).until(() -> TestStories.unsent(storyId) == 0);
        } finally {
            setHolder(null, 0);
        }
    }

    /** Plays another instance: takes the relay lease for some minutes, or frees it (null). */
    private void setHolder(String holder, int minutes) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE service_lease SET holder = ?1, expires_at = DATEADD(MINUTE, ?2, GETDATE()) WHERE name = ?3")
                .setParameter(1, holder).setParameter(2, minutes).setParameter(3, OutboxRelay.LEASE).executeUpdate());
    }
}
