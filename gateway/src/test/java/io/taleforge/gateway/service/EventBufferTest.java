package io.taleforge.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exclusive start of XRANGE: the smallest id after a given one. */
class EventBufferTest {

    @Test
    void nextIdIsTheSmallestGreaterId() {
        assertEquals("0-1", EventBuffer.next("0-0"));
        assertEquals("1700000000000-6", EventBuffer.next("1700000000000-5"));
        assertEquals("1700000000001-0", EventBuffer.next("1700000000000-18446744073709551615"));
    }
}
