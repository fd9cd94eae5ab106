package io.taleforge.story.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter.WrittenStory;

/** The lenient reading of a model's story answer: what can be repaired is kept, the rest is left out. */
class StoryAnswerParserTest {

    private static String scenesJson(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> "{\"number\": %d, \"text\": \"Scene %d of Pip.\"}".formatted(n, n))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<Integer> numbers(WrittenStory story) {
        return story.scenes().stream().map(WrittenScene::number).toList();
    }

    @Test
    void readsTheAskedShape() {
        WrittenStory story = StoryAnswerParser.parse("{\"title\": \"Pip and the Lantern\", \"scenes\": " + scenesJson(20) + "}");
        assertEquals("Pip and the Lantern", story.title());
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers(story));
        assertEquals("Scene 7 of Pip.", story.scenes().get(6).text());
    }

    @Test
    void repairsFencesProseTrailingCommasAndTextAfterTheJson() {
        String content = "Sure! Here is the story:\n```json\n{\"title\": \"Fenced\", \"scenes\": "
                + scenesJson(20).replace("]", ",]") + ",}\n```\nI hope you like it! {not json}";
        WrittenStory story = StoryAnswerParser.parse(content);
        assertEquals("Fenced", story.title());
        assertEquals(20, story.scenes().size());
    }

    @Test
    void readsATopLevelArrayStringNumbersMissingNumbersAndPlainStrings() {
        String content = "[{\"number\": \"1\", \"text\": \"One.\"}, {\"scene\": \"Scene 2\", \"text\": \"Two.\"},"
                + " {\"text\": \"Three.\"}, \"Four.\", {\"number\": 5, \"description\": \"Five.\"}] trailing words";
        WrittenStory story = StoryAnswerParser.parse(content);
        assertNull(story.title());
        assertEquals(List.of(1, 2, 3, 4, 5), numbers(story));
        assertEquals(List.of("One.", "Two.", "Three.", "Four.", "Five."), story.scenes().stream().map(WrittenScene::text).toList());
    }

    @Test
    void findsTheScenesUnderAnotherKey() {
        WrittenStory story = StoryAnswerParser.parse("{\"story\": {\"title\": \"Nested\", \"scenes\": " + scenesJson(3) + "}}");
        assertEquals("Nested", story.title());
        assertEquals(List.of(1, 2, 3), numbers(story));
        WrittenStory other = StoryAnswerParser.parse("{\"title\": \"T\", \"chapters\": " + scenesJson(4) + "}");
        assertEquals(List.of(1, 2, 3, 4), numbers(other));
    }

    @Test
    void aCutOffAnswerKeepsItsCompleteScenes() {
        String full = "{\"title\": \"Cut \\\"short\\\"\", \"scenes\": " + scenesJson(20) + "}";
        String cut = full.substring(0, full.indexOf("{\"number\": 13") + 25);
        WrittenStory story = StoryAnswerParser.parse(cut);
        assertEquals("Cut \"short\"", story.title());
        assertEquals(IntStream.rangeClosed(1, 12).boxed().toList(), numbers(story));
    }

    @Test
    void nothingReadableGivesNoScenes() {
        assertTrue(StoryAnswerParser.parse("I cannot help with that.").scenes().isEmpty());
        assertTrue(StoryAnswerParser.parse("").scenes().isEmpty());
        assertTrue(StoryAnswerParser.parse("{\"title\": \"only a title\"}").scenes().isEmpty());
    }

    @Test
    void aRevisionIsThePromptFieldOrThePlainText() {
        assertEquals("A pink sky.", StoryAnswerParser.promptOf("```json\n{\"prompt\": \"A pink sky.\"}\n```"));
        assertEquals("A pink sky.", StoryAnswerParser.promptOf("{\"revised\": \"A pink sky.\"}"));
        assertEquals("A pink sky.", StoryAnswerParser.promptOf("A pink sky."));
        assertNull(StoryAnswerParser.promptOf("{\"prompt\": 3}"));
    }
}
