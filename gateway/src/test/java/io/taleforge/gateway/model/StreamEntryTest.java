package io.taleforge.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The SSE frame an entry is written as, serialised once and shared by every browser of the story. */
class StreamEntryTest {

    @Test
    void anEntryIsItsIdItsEventAndItsDataLines() {
        StreamEntry entry = new StreamEntry("1700000000000-3", "image", "{\"storyId\":\"s\",\"caption\":\"Zoë\"}");
        assertEquals("id:1700000000000-3\nevent:image\ndata:{\"storyId\":\"s\",\"caption\":\"Zoë\"}\n\n",
                entry.frame().toString(StandardCharsets.UTF_8));
        assertSame(entry.frame(), entry.frame(), "serialised once, the same buffer for every browser");
    }

    @Test
    void dataWithLineBreaksIsOneDataLinePerLineSoNoLineCanEndTheEvent() {
        StreamEntry entry = new StreamEntry("1-0", "story", "a\nb\r\nid:9-9");
        assertEquals("id:1-0\nevent:story\ndata:a\ndata:b\ndata:id:9-9\n\n", entry.frame().toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHeartbeatIsACommentAndAReloadNamesWhereToResume() {
        assertEquals(":heartbeat\n\n", StreamEntry.heartbeat().frame().toString(StandardCharsets.UTF_8));
        String reload = StreamEntry.reload("5-0").frame().toString(StandardCharsets.UTF_8);
        assertEquals("id:5-0\nevent:reload\ndata:{\"reason\":\"the events since your last id are no longer kept\"}\n\n", reload);
    }
}
