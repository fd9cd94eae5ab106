package io.taleforge.commons.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.lease.Leases;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/** The one outbox against the real broker: appended in a transaction, published after the commit. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OutboxRelayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KafkaProbe probe;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    @Inject
    Leases leases;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.STORY_STATUS, Topics.SCENE_APPROVED,
                Topics.IMAGE_STATUS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void rowsArePublishedAfterTheCommitToTheirTopicsInOrderAsBinaryCloudEvents() {
        String key = UUID.randomUUID().toString();
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> IntStream.rangeClosed(1, 30)
                .mapToObj(n -> outbox.append(n % 3 == 0 ? Topics.STORY_STATUS : Topics.IMAGE_STATUS, key,
                        Map.of("n", n)))
                .toList());

        List<Received> images = probe.await(Topics.IMAGE_STATUS, r -> key.equals(r.key()), 20, DEADLINE);
        List<Received> statuses = probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 10, DEADLINE);
        assertEquals(IntStream.rangeClosed(1, 30).filter(n -> n % 3 != 0).boxed().toList(), numbers(images));
        assertEquals(IntStream.rangeClosed(1, 30).filter(n -> n % 3 == 0).boxed().toList(), numbers(statuses));
        assertEquals(1, images.stream().map(Received::partition).distinct().count(), "one key, one partition");
        Received first = images.get(0);
        assertEquals(ids.get(0), first.header("ce_id"), "CloudEvent id = the row's id");
        assertEquals(EventTypes.IMAGE_STATUS, first.header("ce_type"));
        assertEquals(EventTypes.STORY_STATUS, statuses.get(0).header("ce_type"));
        assertEquals("/taleforge/outbox-test", first.header("ce_source"), "source defaults to the application name");
        assertEquals("1.0", first.header("ce_specversion"));
        assertEquals(key, first.header("ce_subject"));
        await("every row marked sent").atMost(DEADLINE)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsentFor(key)) == 0);
    }

    /**
     * A story's 20 scene-approved rows, keyed per picture ({@code storyId/scene}) as story-service
     * writes them, leave side by side right after the commit: all acknowledged and marked sent, on
     * 12 distinct partitions (the {@link SpreadPartitioner} places them round-robin, so every image
     * worker gets some). Prints the time from the commit to the last one marked sent (the relay's
     * share of approve-scenes to the first provider call), and the same for 20 rows under one key
     * of a keyed topic, which go one after the other.
     */
    @Test
    void aStorysRowsLeaveTogetherRightAfterTheCommit() {
        String warm = UUID.randomUUID().toString();
        commitToAllSent(Topics.SCENE_APPROVED, warm, n -> SceneApproved.key(warm, n)); // the producer knows the topic's partitions
        String story = UUID.randomUUID().toString();
        long perPicture = commitToAllSent(Topics.SCENE_APPROVED, story, n -> SceneApproved.key(story, n));
        List<Received> scenes = probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(story), 20, DEADLINE);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers(scenes).stream().sorted().toList());
        assertEquals(Topics.PARTITIONS, scenes.stream().map(Received::partition).distinct().count(),
                "one story's 20 pictures on every partition: " + scenes.stream().map(Received::partition).sorted().toList());
        String key = UUID.randomUUID().toString();
        long oneKey = commitToAllSent(Topics.STORY_STATUS, key, n -> key);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(),
                numbers(probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 20, DEADLINE)), "one key: in order");
        System.out.printf("outbox: 20 rows of one story, commit to all acknowledged and marked sent: %d ms keyed per"
                + " picture, %d ms under one key%n", perPicture, oneKey);
    }

    private long commitToAllSent(String topic, String story, IntFunction<String> keyOf) {
        QuarkusTransaction.requiringNew().run(() -> IntStream.rangeClosed(1, 20)
                .forEach(n -> outbox.append(topic, keyOf.apply(n), Map.of("n", n))));
        long committed = System.nanoTime();
        await("every row marked sent").atMost(DEADLINE).pollInterval(Duration.ofMillis(5))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsentFor(story)) == 0);
        return (System.nanoTime() - committed) / 1_000_000;
    }

    /**
     * The Kafka binding of CloudEvents maps the data content type to {@code content-type} alone;
     * consumers that read only {@code ce_*} headers must find it too, so both are on every record.
     */
    @Test
    void everyRecordCarriesBothContentTypeHeaders() {
        String key = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> outbox.append(Topics.STORY_STATUS, key, Map.of("n", 1)));

        Received record = probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 1, DEADLINE).get(0);
        assertEquals("application/json", record.header("content-type"));
        assertEquals("application/json", record.header("ce_datacontenttype"));
    }

    @Test
    void appendOnlyWorksInsideATransactionAndARollbackLeavesNothing() {
        String key = UUID.randomUUID().toString();
        assertThrows(TransactionalException.class, () -> outbox.append(Topics.STORY_STATUS, key, Map.of("n", 1)));
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(Topics.STORY_STATUS, key, Map.of("n", 1));
            throw new IllegalStateException("the change it announces failed");
        }));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("messageKey", key)));
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> outbox.append("no-such-topic", key, Map.of())));
    }

    @Test
    void theRelayWaitsWhileAnotherInstanceHoldsTheLeaseAndCatchesUpAfter() {
        String key = UUID.randomUUID().toString();
        try {
            setHolder("another-instance", 10);
            QuarkusTransaction.requiringNew().run(() -> IntStream.rangeClosed(1, 5)
                    .forEach(n -> outbox.append(Topics.STORY_STATUS, key, Map.of("n", n))));

            await("nothing is relayed while another instance holds the lease")
                    .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsentFor(key)) == 5);
            assertTrue(probe.forStory(Topics.STORY_STATUS, key).isEmpty());

            setHolder(null, 0); // that instance stopped and released it
            assertEquals(List.of(1, 2, 3, 4, 5), numbers(probe.await(Topics.STORY_STATUS, r -> key.equals(r.key()), 5,
                    DEADLINE)));
        } finally {
            setHolder(null, 0);
        }
    }

    /**
     * A round that waits for the broker longer than the lease lives (1 s here) keeps the lease: the
     * relay renews it on its ticks meanwhile, so this test's running relay, trying every 200 ms,
     * never takes it over. Without the renewal it took it after the first second.
     */
    @Test
    void aRoundWaitingLongerThanTheLeaseKeepsIt() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch acknowledged = new CountDownLatch(1);
        OutboxPublisher waiting = new OutboxPublisher(null, config) {
            @Override
            public Round publishPending() {
                inRound.countDown();
                try {
                    acknowledged.await(30, TimeUnit.SECONDS); // the broker is slow to acknowledge
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Round(0, false, false);
            }
        };
        OutboxRelay slow = new OutboxRelay(waiting, leases, shortLease("slow-relay", Duration.ofSeconds(1)));
        try {
            setHolder("slow-relay", 10); // it holds the lease when its round starts
            slow.kick();
            assertTrue(inRound.await(10, TimeUnit.SECONDS), "the round did not start");
            await("the lease stays with the relay whose round waits, three lease lifetimes long")
                    .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        slow.tick(); // its scheduler's tick
                        return "slow-relay".equals(holder());
                    });
        } finally {
            acknowledged.countDown();
            slow.stopping(null);
            setHolder(null, 0);
        }
    }

    @Test
    void sentRowsOlderThanTheRetentionAreDeleted() {
        String key = UUID.randomUUID().toString();
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        QuarkusTransaction.requiringNew().run(() -> {
            row(key, longAgo, longAgo);       // sent 8 days ago: goes
            row(key, longAgo, Instant.now()); // sent just now: stays
            row(key, longAgo, null);          // not sent yet: stays (the relay may send it meanwhile)
        });

        assertTrue(relay.cleanUp() >= 1);

        assertEquals(2, QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("messageKey", key)));
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("messageKey = ?1 and sentAt < ?2",
                key, Instant.now().minus(Duration.ofDays(7)))));
    }

    private static void row(String key, Instant created, Instant sent) {
        OutboxEntry row = new OutboxEntry();
        row.id = UUID.randomUUID().toString();
        row.messageKey = key;
        row.topic = Topics.STORY_STATUS;
        row.type = EventTypes.STORY_STATUS;
        row.payload = "{}";
        row.createdAt = created;
        row.sentAt = sent;
        row.persist();
    }

    private static List<Integer> numbers(List<Received> records) {
        return records.stream().map(r -> r.as(Map.class).get("n")).map(n -> ((Number) n).intValue()).toList();
    }

    /** The test application's relay settings with another holder name and lease time. */
    private OutboxConfig shortLease(String instanceId, Duration ttl) {
        return (OutboxConfig) java.lang.reflect.Proxy.newProxyInstance(OutboxConfig.class.getClassLoader(),
                new Class<?>[] { OutboxConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "leaseTtl" -> ttl;
                    case "instanceId" -> Optional.of(instanceId);
                    default -> method.invoke(config, args);
                });
    }

    private String holder() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT holder FROM service_lease WHERE name = ?1").setParameter(1, OutboxRelay.LEASE).getSingleResult());
    }

    /** Plays another instance: takes the relay lease for some minutes, or frees it (null). */
    private void setHolder(String holder, int minutes) {
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = em.createNativeQuery(
                    "UPDATE service_lease SET holder = ?1, expires_at = DATEADD(MINUTE, ?2, GETDATE()) WHERE name = ?3")
                    .setParameter(1, holder).setParameter(2, minutes).setParameter(3, OutboxRelay.LEASE).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO service_lease (name, holder, expires_at)"
                        + " VALUES (?1, ?2, DATEADD(MINUTE, ?3, GETDATE()))")
                        .setParameter(1, OutboxRelay.LEASE).setParameter(2, holder).setParameter(3, minutes)
                        .executeUpdate();
            }
        });
    }
}
