package io.taleforge.story.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.lease.Leases;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.OutboxEvent;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * With several story-service instances on one database only the holder of the relay lease
 * publishes the outbox: the lease's rules, and the relay standing still while another instance
 * holds it, then catching up once it is free.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OutboxLeaseTest {

    @Inject
    Leases leases;

    @Inject
    EntityManager em;

    @Test
    void oneHolderAtATimeUntilReleasedOrExpired() {
        String name = "test-lease-" + UUID.randomUUID();

        assertTrue(leases.tryHold(name, "a", Duration.ofMinutes(1)), "the first holder takes a new lease");
        assertFalse(leases.tryHold(name, "b", Duration.ofMinutes(1)), "held by a");
        assertTrue(leases.tryHold(name, "a", Duration.ofMinutes(1)), "a renews");
        leases.release(name, "b");
        assertFalse(leases.tryHold(name, "b", Duration.ofMinutes(1)), "only the holder can release");
        leases.release(name, "a");
        assertTrue(leases.tryHold(name, "b", Duration.ofMillis(500)), "released: b takes it");
        assertFalse(leases.tryHold(name, "a", Duration.ofMinutes(1)), "held by b for half a second");
        await("b's lease expires").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> leases.tryHold(name, "a", Duration.ofMinutes(1)));
    }

    @Test
    void theRelayWaitsWhileAnotherInstanceHoldsTheLeaseAndCatchesUpAfter() {
        try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED)) {
            setHolder("another-instance", 10);
            String owner = TestStories.owner();
            String storyId = TestStories.create(owner);
            TestStories.approve(owner, storyId);

            // DRAFTED, SCENES_APPROVED and 20 scene-approved rows, none of them sent
            await("nothing is relayed while another instance holds the lease")
                    .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> unsent(storyId) == 22);
            assertEquals(0, probe.forStory(Topics.SCENE_APPROVED, storyId).size());

            setHolder(null, 0); // that instance stopped and released it
            assertEquals(20, probe.await(Topics.SCENE_APPROVED, r -> storyId.equals(r.key()), 20,
                    Duration.ofSeconds(30)).size());
            await("every row sent").atMost(Duration.ofSeconds(10)).until(() -> unsent(storyId) == 0);
        } finally {
            setHolder(null, 0);
        }
    }

    @Inject
    OutboxRelay relay;

    @Test
    void sentRowsOlderThanTheRetentionAreDeleted() {
        UUID story = UUID.randomUUID();
        java.time.Instant longAgo = java.time.Instant.now().minus(Duration.ofDays(8));
        QuarkusTransaction.requiringNew().run(() -> {
            row(story, longAgo, longAgo);                 // sent 8 days ago: goes
            row(story, longAgo, java.time.Instant.now()); // sent just now: stays
        });

        assertTrue(relay.cleanUp() >= 1);

        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("storyId", story)));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("storyId = ?1 and sentAt < ?2",
                story, java.time.Instant.now().minus(Duration.ofDays(7)))));
    }

    private static void row(UUID story, java.time.Instant created, java.time.Instant sent) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.storyId = story;
        row.topic = "cleanup-test"; // rows are created sent: the relay never sees them
        row.type = "test";
        row.payload = "{}";
        row.createdAt = created;
        row.sentAt = sent;
        row.persist();
    }

    private long unsent(String storyId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("storyId = ?1 and sentAt is null",
                UUID.fromString(storyId)));
    }

    /** Plays another instance: takes the relay lease for some minutes, or frees it (null). */
    private void setHolder(String holder, int minutes) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE service_lease SET holder = ?1, expires_at = DATEADD(MINUTE, ?2, GETDATE()) WHERE name = ?3")
                .setParameter(1, holder).setParameter(2, minutes).setParameter(3, OutboxRelay.LEASE).executeUpdate());
    }
}
