package io.taleforge.commons.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(30_000));

    @RepeatedTest(20)
    void growsExponentiallyWithJitterBetweenHalfAndAll() {
        for (int failures = 1; failures <= 4; failures++) {
            long full = 1000L << (failures - 1);
            long wait = backoff.after(failures).toMillis();
            assertTrue(wait >= full / 2 && wait <= full, "after " + failures + ": " + wait);
        }
    }

    @RepeatedTest(10)
    void neverLongerThanMax() {
        assertTrue(backoff.after(30).toMillis() <= 30_000);
        assertTrue(backoff.after(100).toMillis() >= 15_000, "the cap is jittered from max, not from 0");
    }

    @Test
    void theProvidersWaitWinsAndIsCapped() {
        assertEquals(Duration.ofSeconds(7), backoff.after(1, Duration.ofSeconds(7)));
        assertEquals(Duration.ofSeconds(30), backoff.after(1, Duration.ofMinutes(5)));
    }

    @Test
    void aNegativeAskedWaitCountsAsNone() {
        long wait = backoff.after(1, Duration.ofSeconds(-3)).toMillis();
        assertTrue(wait >= 500 && wait <= 1000, "" + wait);
    }

    @Test
    void refusesANegativeBase() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(-1), Duration.ZERO));
    }
}
