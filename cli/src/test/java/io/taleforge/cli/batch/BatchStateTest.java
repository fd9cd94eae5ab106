package io.taleforge.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class BatchStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final BatchLine otter = BatchLine.parse(1, "{\"answers\":{\"species\":\"otter\"}}", JSON);
    private final BatchLine fox = BatchLine.parse(2, "{\"answers\":{\"species\":\"fox\"}}", JSON);

    @Test
    void theStateFileSitsNextToTheBatchFile() {
        assertEquals(dir.resolve("stories.jsonl.state.json"), BatchState.fileFor(dir.resolve("stories.jsonl")));
    }

    @Test
    void aReRunFindsEachLineWhereItWasLeft() {
        Path file = dir.resolve("b.state.json");
        BatchState first = BatchState.load(file, JSON);
        first.record(otter, "id-otter", Stage.EXPORTED, null);
        first.record(fox, "id-fox", Stage.SCENES_APPROVED, null);
        first.record(fox, "id-fox", Stage.SCENES_APPROVED, "no picture became READY for 300 s");

        BatchState again = BatchState.load(file, JSON);
        assertEquals(new BatchState.Entry(1, otter.hash(), "id-otter", Stage.EXPORTED, null), again.claim(otter));
        BatchState.Entry fox2 = again.claim(fox);
        assertEquals("id-fox", fox2.storyId());
        assertEquals(Stage.SCENES_APPROVED, fox2.stage());
        assertEquals("no picture became READY for 300 s", fox2.problem());
    }

    @Test
    void aLineThatMovedKeepsItsStoryAndAChangedLineStartsAnew() {
        Path file = dir.resolve("b.state.json");
        BatchState.load(file, JSON).record(otter, "id-otter", Stage.CREATED, null);

        BatchState again = BatchState.load(file, JSON);
        BatchLine changed = BatchLine.parse(1, "{\"answers\":{\"species\":\"owl\"}}", JSON);
        BatchLine moved = BatchLine.parse(3, "{\"answers\":{\"species\":\"otter\"}}", JSON);
        BatchState.Entry forChanged = again.claim(changed);
        assertEquals(Stage.NEW, forChanged.stage());
        assertNull(forChanged.storyId());
        assertEquals("id-otter", again.claim(moved).storyId());
        // claimed once: a second copy of the same line is a story of its own
        assertNull(again.claim(BatchLine.parse(9, "{\"answers\":{\"species\":\"otter\"}}", JSON)).storyId());
    }

    @Test
    void aTokenTheBatchMadeIsKeptForTheReRunAndOnlyItsOwnerCanReadIt() throws IOException {
        Path file = dir.resolve("b.state.json");
        BatchState first = BatchState.load(file, JSON);
        assertFalse(first.token().isPresent());
        first.keepToken("abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE");
        assertEquals("abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE", BatchState.load(file, JSON).token().orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("\"lines\""));
    }
}
