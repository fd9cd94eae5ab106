package io.taleforge.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Stream ids as a browser echoes them back: parsed without ever throwing, and the exclusive XRANGE start. */
class StreamIdTest {

    private static final String MAX = "18446744073709551615";

    @Test
    void nextIdIsTheSmallestGreaterId() {
        assertEquals("0-1", id("0-0").next().orElseThrow().toString());
        assertEquals("1700000000000-6", id("1700000000000-5").next().orElseThrow().toString());
        assertEquals("1700000000001-0", id("1700000000000-" + MAX).next().orElseThrow().toString());
    }

    @Test
    void theLargestIdHasNoNextInsteadOfWrappingToZero() {
        assertEquals(Optional.empty(), id(MAX + "-" + MAX).next());
        assertEquals(MAX + "-0", id((MAX.substring(0, 19) + "4") + "-" + MAX).next().orElseThrow().toString());
    }

    @Test
    void anythingElseIsNotAnIdAndNeverThrows() {
        for (String bad : new String[] { "18446744073709551616-0", "0-18446744073709551616",
                "99999999999999999999-1", "1-x", "-1-0", "1", "", " 1-0", "1-0-0", "１-0" }) {
            assertTrue(StreamId.parse(bad).isEmpty(), bad);
        }
        assertTrue(StreamId.parse(null).isEmpty());
    }

    @Test
    void idsCompareAsUnsignedNumbers() {
        assertTrue(id(MAX + "-0").compareTo(id("1-0")) > 0);
        assertTrue(id("5-" + MAX).compareTo(id("6-0")) < 0);
    }

    private static StreamId id(String value) {
        return StreamId.parse(value).orElseThrow();
    }
}
