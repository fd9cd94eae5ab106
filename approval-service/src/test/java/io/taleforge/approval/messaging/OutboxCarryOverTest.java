package io.taleforge.approval.messaging;

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
import java.util.UUID;

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
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * A database from before the shared outbox: its unsent {@code outbox_message} rows are carried
 * over into {@code service_outbox} by the migration (same CloudEvent ids, same order, sent rows
 * left behind), the old table is gone, and the relay publishes them with their old ids.
 */
@QuarkusTest
@TestProfile(OutboxCarryOverTest.OldDatabase.class)
class OutboxCarryOverTest {

    // the same in every class loader that loads this class (the resource and the test may differ), new per run
    static final String RUN = ProcessHandle.current().pid() + "-" + ManagementFactory.getRuntimeMXBean().getStartTime();
    static final String STORY = uuid("story");
    static final String FIRST = uuid("first");
    static final String SECOND = uuid("second");

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes((name + "-" + RUN).getBytes(StandardCharsets.UTF_8)).toString();
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
                    insert(db, UUID.randomUUID().toString(), 2, Instant.now()); // sent: stays behind
                    insert(db, SECOND, 3, null);
                }
                return Map.of("quarkus.datasource.jdbc.url", url);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare the old database", e);
            }
        }

        private static void insert(Connection db, String id, int scene, Instant sentAt) throws Exception {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_message (message_id, topic,"
                    + " event_type, story_id, payload, created_at, sent_at, send_attempts, last_error)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
                insert.setString(1, id);
                insert.setString(2, Topics.IMAGE_REJECTED);
                insert.setString(3, EventTypes.IMAGE_REJECTED);
                insert.setObject(4, UUID.fromString(STORY));
                insert.setString(5, KafkaProbe.JSON.writeValueAsString(new ImageRejected(STORY, scene, 1, null)));
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.setTimestamp(7, sentAt == null ? null : Timestamp.from(sentAt));
                insert.setString(8, sentAt == null ? "broker away" : null);
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
        try (KafkaProbe probe = KafkaProbe.fromBeginning(kafka, Topics.IMAGE_REJECTED)) {
            published = probe.await(Topics.IMAGE_REJECTED, r -> STORY.equals(r.key()), 2, Duration.ofSeconds(30));
        }
        assertEquals(List.of(FIRST, SECOND), published.stream().map(r -> r.header("ce_id")).toList(),
                "old ids, old order");
        assertEquals(List.of(1, 3), published.stream().map(r -> r.as(ImageRejected.class).sceneNumber()).toList());

        await("both marked sent").atMost(Duration.ofSeconds(10)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsentFor(STORY)) == 0);
        List<OutboxEntry> rows = QuarkusTransaction.requiringNew().call(() ->
                OutboxEntry.forKey(STORY, Topics.IMAGE_REJECTED));
        assertEquals(List.of(FIRST, SECOND), rows.stream().map(r -> r.id).toList(),
                "only the unsent rows were carried over");
        assertEquals(2, rows.get(0).sendAttempts, "one attempt before the move, one after");
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT COUNT(*) FROM outbox_message").getSingleResult()),
                "the old table is gone");
    }
}
