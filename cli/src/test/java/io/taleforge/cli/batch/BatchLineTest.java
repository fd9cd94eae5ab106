package io.taleforge.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class BatchLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLineHoldsTheAnswersAndTheEditsByScene() {
        BatchLine line = BatchLine.parse(4, "{\"answers\":{\"species\":\"otter\",\"name\":\"Pip\"},"
                + "\"edits\":{\"3\":\"Pip sits alone.\",\"12\":\"The moon rises.\"}}", JSON);
        assertFalse(line.bad(), line::problem);
        assertEquals(4, line.number());
        assertEquals(Map.of("species", "otter", "name", "Pip"), line.answers());
        assertEquals(List.of(3, 12), List.copyOf(line.edits().keySet()));
        assertEquals("The moon rises.", line.edits().get(12));
    }

    @Test
    void blankLinesAndCommentsAreNoStoriesButCountInTheNumbering() {
        List<BatchLine> lines = BatchLine.parseAll(List.of("# my stories", "{\"answers\":{}}", "", "  ",
                "{\"answers\":{\"a\":\"b\"}}"), JSON);
        assertEquals(List.of(2, 5), lines.stream().map(BatchLine::number).toList());
    }

    @Test
    void aLineThatIsNotJsonSaysSo() {
        BatchLine line = BatchLine.parse(7, "{\"answers\": {\"species\": ", JSON);
        assertTrue(line.bad());
        assertTrue(line.problem().startsWith("not JSON"), line.problem());
    }

    @Test
    void theShapeIsCheckedHereTheAnswersByTheApi() {
        assertTrue(BatchLine.parse(1, "[1,2]", JSON).problem().contains("\"answers\""));
        assertTrue(BatchLine.parse(1, "{\"answers\":{\"species\":{\"x\":1}}}", JSON).problem()
                .contains("answers.species"));
        assertTrue(BatchLine.parse(1, "{\"answers\":{},\"edits\":{\"three\":\"x\"}}", JSON).problem()
                .contains("edits.three"));
        // an answer the quiz does not know is the API's to refuse, not the file reader's
        assertFalse(BatchLine.parse(1, "{\"answers\":{\"species\":\"dragon-unicorn\"}}", JSON).bad());
    }

    @Test
    void theHashFollowsTheTextNotTheBlanksAround() {
        String text = "{\"answers\":{\"species\":\"otter\"}}";
        assertEquals(BatchLine.hash(text), BatchLine.hash("  " + text + "\t"));
        assertNotEquals(BatchLine.hash(text), BatchLine.hash(text.replace("otter", "fox")));
        assertEquals(16, BatchLine.hash(text).length());
    }
}
