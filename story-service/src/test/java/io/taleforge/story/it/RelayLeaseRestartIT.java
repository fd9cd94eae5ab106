package io.taleforge.story.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.taleforge.testing.PackagedService;

/**
 * A clean stop of the packaged story-service on its default embedded database (an H2 file) gives
 * the outbox relay's lease up before the database closes, so the next start relays at once instead
 * of after the lease's 60 s expiry. H2 closes a file database in a JVM shutdown hook of its own
 * unless the URL says {@code DB_CLOSE_ON_EXIT=FALSE}; that hook raced Quarkus's shutdown and the
 * release failed with "Database is already closed".
 */
class RelayLeaseRestartIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern TAKEN = Pattern.compile("outbox relay lease taken instance=(\\S+?)\"");

    @Test
    void aCleanStopReleasesTheRelayLeaseAndTheNextStartTakesItAtOnce() {
        try (PackagedService service = PackagedStoryService.onItsOwnDatabase("lease-it")) {
            service.start(Duration.ofMinutes(5));
            Awaitility.await("the first start takes the relay lease").atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(100)).until(() -> holders(service.logs()) == 1);

            service.stop();
            String stopped = service.logs();
            assertTrue(stopped.contains("outbox relay lease released"), "the lease is given up:\n" + service.tail(30));
            assertFalse(stopped.contains("lease not released"), "no failed release:\n" + service.tail(30));
            assertFalse(stopped.contains("Database is already closed"), "the database outlives the shutdown:\n"
                    + service.tail(30));

            service.start(Duration.ofMinutes(5));
            // a lease left held would only expire 60 s after the stop
            Awaitility.await("the next start takes the lease without waiting for its expiry")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> holders(service.logs()) == 2);
        }
    }

    /** How many different instances logged that they took the relay lease. */
    private static long holders(String logs) {
        Matcher m = TAKEN.matcher(logs);
        return m.results().map(r -> r.group(1)).distinct().count();
    }
}
