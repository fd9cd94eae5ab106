package io.taleforge.story.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A database from before the shared outbox: its unsent {@code outbox_event} rows are carried over
 * into {@code service_outbox} by the migration (same CloudEvent ids, same order, sent rows left
 * behind), the old table is gone, and the relay publishes them with their old ids.
 */
@QuarkusTest
@TestProfile(OutboxCarryOverTest.OldDatabase.class)
class OutboxCarryOverTest {

    // the same in every class loader that loads this class (the resource and the test may differ), new per run
    static final String RUN = ProcessHandle.current().pid() + "-" + ManagementFactory.getRuntimeMXBean().getStartTime();
    static final String STORY = uuid("story").toString();
    static final UUID FIRST = uuid("first");
    static final UUID SECOND = uuid("second");

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes((name + "-" + RUN).getBytes(StandardCharsets.UTF_8));
    }

    public static class OldDatabase implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OldOutboxRows.class));
        }
    }

    /** Runs the changesets of before, leaves two unsent rows and a sent one, then lets the service start. */
    public static class OldOutboxRows implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "carry-over-");
                String url = "jdbc:h2:retry:file:" + dir.toAbsolutePath().resolve("db")
                        + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
                try (Connection db = DriverManager.getConnection(url, "sa", "")) {
                    new Liquibase("db/changelog-before-outbox.xml", new ClassLoaderResourceAccessor(),
                            new JdbcConnection(db)).update("");
                    db.setAutoCommit(true); // Liquibase leaves the connection in manual commit
                    insert(db, FIRST, 1, null);
                    insert(db, UUID.randomUUID(), 2, Instant.now()); // sent: stays behind
                    insert(db, SECOND, 3, null);
                }
                return Map.of("quarkus.datasource.jdbc.url", url);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare the old database", e);
            }
        }

        private static void insert(Connection db, UUID id, int scene, Instant sentAt) throws Exception {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_event (id, story_id, topic,"
                    + " event_type, scene_number, attempt, payload, created_at, sent_at, send_attempts, last_error)"
                    + " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, 1, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, UUID.fromString(STORY));
                insert.setString(3, Topics.SCENE_APPROVED);
                insert.setString(4, EventTypes.SCENE_APPROVED);
                insert.setInt(5, scene);
                insert.setString(6, "{\"storyId\":\"%s\",\"sceneNumber\":%d,\"attempt\":1}".formatted(STORY, scene));
                insert.setTimestamp(7, Timestamp.from(Instant.now()));
                insert.setTimestamp(8, sentAt == null ? null : Timestamp.from(sentAt));
                insert.setString(9, sentAt == null ? "broker away" : null);
                insert.executeUpdate();
            }
        }

        @Override
        public void stop() {
            // the database folder stays under target/ for inspection
        }
    }

    @Inject
    EntityManager em;

    @Test
    void unsentRowsOfTheOldOutboxAreCarriedOverAndPublishedWithTheirIds() {
        List<KafkaProbe.Received> published;
        String kafka = RealInfra.get().kafkaBootstrapServers();
        try (KafkaProbe probe = KafkaProbe.fromBeginning(kafka, Topics.SCENE_APPROVED)) {
            published = probe.await(Topics.SCENE_APPROVED, r -> STORY.equals(r.key()), 2, Duration.ofSeconds(30));
        }
        // scene-approved goes round-robin over the partitions (service-data SpreadPartitioner), so the
        // two records may arrive in either order; the order they were sent in is the rows' (seq) below
        assertEquals(Set.of(FIRST.toString(), SECOND.toString()),
                published.stream().map(r -> r.header("ce_id")).collect(Collectors.toSet()), "old ids");
        assertEquals(Set.of(1, 3), published.stream().map(r -> TestStories.sceneNumber(r.value()))
                .collect(Collectors.toSet()));

        await("both marked sent").atMost(Duration.ofSeconds(10)).until(() -> TestStories.unsent(STORY) == 0);
        List<OutboxEntry> rows = TestStories.outbox(STORY, Topics.SCENE_APPROVED);
        assertEquals(List.of(FIRST.toString(), SECOND.toString()), rows.stream().map(r -> r.id).toList(),
                "only the unsent rows were carried over, in their old order");
        assertEquals(EventTypes.SCENE_APPROVED, rows.get(0).type);
        assertEquals(2, rows.get(0).sendAttempts, "one attempt before the move, one after");
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT COUNT(*) FROM outbox_event").getSingleResult()), "the old table is gone");
    }
}
