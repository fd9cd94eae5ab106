package io.taleforge.commons.lease;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.testing.RealInfraResource;

/** A lease has one holder at a time, until it is released or expires (on the database's clock). */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class LeasesTest {

    @Inject
    Leases leases;

    @Test
    void oneHolderAtATimeUntilReleasedOrExpired() {
        String name = "test-lease-" + UUID.randomUUID();

        assertTrue(leases.tryHold(name, "a", Duration.ofMinutes(1)), "the first holder takes a new lease");
        assertFalse(leases.tryHold(name, "b", Duration.ofMinutes(1)), "held by a");
        assertTrue(leases.tryHold(name, "a", Duration.ofMinutes(1)), "a renews");
        assertFalse(leases.release(name, "b"), "b does not hold it: nothing released");
        assertFalse(leases.tryHold(name, "b", Duration.ofMinutes(1)), "only the holder can release");
        assertTrue(leases.release(name, "a"), "a held it: released");
        assertTrue(leases.tryHold(name, "b", Duration.ofMillis(500)), "released: b takes it");
        assertFalse(leases.tryHold(name, "a", Duration.ofMinutes(1)), "held by b for half a second");
        await("b's lease expires").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> leases.tryHold(name, "a", Duration.ofMinutes(1)));
    }
}
