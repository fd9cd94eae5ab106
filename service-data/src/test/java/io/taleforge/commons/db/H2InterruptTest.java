package io.taleforge.commons.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted thread must not close the embedded H2 file database. Lease fencing interrupts
 * workers that may be in a write; with a plain {@code jdbc:h2:file:} URL the file channel is
 * closed by the interrupt ({@code ClosedByInterruptException}) and H2 closes the whole database
 * (90098) for every connection. The {@code retry:} file system re-opens the channel and retries.
 */
class H2InterruptTest {

    /** The prefix of every embedded H2 file URL: the services' defaults must use it too. */
    static final String FILE_URL_PREFIX = "jdbc:h2:retry:file:";

    /** The services whose default database is an embedded H2 file. */
    private static final List<String> SERVICES =
            List.of("story-service", "image-service", "approval-service", "film-service");

    @TempDir
    Path dir;

    @Test
    void anInterruptedWriterLeavesTheDatabaseOpen() throws Exception {
        String url = FILE_URL_PREFIX + dir.resolve("db") + ";WRITE_DELAY=0";
        try (Connection keeper = DriverManager.getConnection(url, "sa", "")) {
            execute(keeper, "CREATE TABLE t (id INT PRIMARY KEY)");
            execute(keeper, "INSERT INTO t VALUES (1)");

            Throwable writerFailure = writeWhileInterrupted(url);

            assertNull(writerFailure, "the interrupted writer's inserts and commits go through");
            assertEquals(49, count(keeper, "SELECT COUNT(*) FROM t"), "the row before and the writer's 48");
            execute(keeper, "INSERT INTO t VALUES (100)");
            assertEquals(50, count(keeper, "SELECT COUNT(*) FROM t"), "another connection still writes");
        }
        try (Connection again = DriverManager.getConnection(url, "sa", "")) {
            assertEquals(1, count(again, "SELECT COUNT(*) FROM t WHERE id = 1"), "the row written before is kept");
        }
    }

    @Test
    void everyServiceDefaultUsesThePrefix() throws IOException {
        for (String service : SERVICES) {
            Path properties = Path.of("..", service, "src", "main", "resources", "application.properties");
            String url = Files.readAllLines(properties).stream()
                    .filter(line -> line.startsWith("quarkus.datasource.jdbc.url="))
                    .findFirst().orElseThrow();
            assertTrue(url.contains(":" + FILE_URL_PREFIX), service + " default H2 URL: " + url);
            assertFalse(url.contains("jdbc:h2:file:"), service + " default H2 URL: " + url);
            // H2's own shutdown hook must not close the file before the service's shutdown is done
            assertTrue(url.contains(";DB_CLOSE_ON_EXIT=FALSE"), service + " default H2 URL: " + url);
        }
    }

    /** Inserts and commits 48 rows on a thread whose interrupt flag is set; returns what it threw. */
    private static Throwable writeWhileInterrupted(String url) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Thread.currentThread().interrupt();
            try (Connection own = DriverManager.getConnection(url, "sa", "")) {
                for (int id = 2; id < 50; id++) {
                    execute(own, "INSERT INTO t VALUES (" + id + ")");
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        writer.join(60_000);
        assertFalse(writer.isAlive(), "the interrupted writer has finished");
        return failure.get();
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
