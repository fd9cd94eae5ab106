package io.taleforge.story.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.taleforge.story.TestStories;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryWriter.PromptRevision;
import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter.WrittenStory;
import io.taleforge.story.service.QuizService;
import io.taleforge.story.service.StoryBriefs;

class TemplateStoryWriterTest {

    private final QuizService quiz = new QuizService();
    private final StoryBriefs briefs = new StoryBriefs(quiz, new com.fasterxml.jackson.databind.ObjectMapper());
    private final TemplateStoryWriter writer = new TemplateStoryWriter();

    private StoryBrief brief(Map<String, Object> answers) {
        return briefs.of(quiz.validate(answers));
    }

    @Test
    void writesTwentyDistinctScenesThatAllNameTheHero() {
        WrittenStory story = writer.write(brief(TestStories.answers()));
        assertEquals(20, story.scenes().size());
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), story.scenes().stream().map(WrittenScene::number).toList());
        assertEquals(20, new HashSet<>(story.scenes().stream().map(WrittenScene::text).toList()).size(), "no two scenes alike");
        story.scenes().forEach(s -> assertTrue(s.text().contains("Pip Whiskers"), "scene " + s.number() + ": " + s.text()));
        assertEquals("Pip Whiskers and the Everlasting Lantern", story.title());
    }

    @Test
    void eachStageReadsLikeItsStage() {
        List<WrittenScene> scenes = writer.write(brief(TestStories.answers())).scenes();
        assertTrue(text(scenes, 2).contains("laughed") && text(scenes, 2).contains("smallest"), text(scenes, 2));
        assertTrue(text(scenes, 4).contains("tear"), text(scenes, 4));
        assertEquals("discovery", ArcStage.of(5).slug());
        assertTrue(text(scenes, 5).contains("discovered an old lantern"), text(scenes, 5));
        assertTrue(text(scenes, 7).contains("went wrong"), text(scenes, 7));
        assertTrue(text(scenes, 8).contains("Crow King"), text(scenes, 8));
        assertTrue(text(scenes, 9).contains("practising") && text(scenes, 10).contains("trained"), text(scenes, 9));
        assertTrue(text(scenes, 11).contains("changed"), text(scenes, 11));
        assertTrue(text(scenes, 13).contains("everlasting lantern"), text(scenes, 13));
        assertTrue(text(scenes, 17).contains("stood up to the Crow King"), text(scenes, 17));
        assertTrue(text(scenes, 19).contains("justice"), text(scenes, 19));
        assertTrue(text(scenes, 20).contains("home"), text(scenes, 20));
    }

    @Test
    void sameAnswersSameStoryOtherAnswersOtherStory() {
        WrittenStory first = writer.write(brief(TestStories.answers()));
        assertEquals(first, writer.write(brief(TestStories.answers())));
        Map<String, Object> other = new HashMap<>(TestStories.answers());
        other.put("discovery", "mentor");
        other.remove("discovery_object");
        other.put("discovery_mentor", "dragon");
        other.put("ending", "funny");
        other.put("wish", "a picnic by the river.");
        WrittenStory second = writer.write(brief(other));
        assertNotEquals(first, second);
        assertTrue(text(second.scenes(), 5).contains("a tiny dragon named Ember"));
        assertTrue(text(second.scenes(), 20).contains("sneezed") && text(second.scenes(), 20).endsWith("a picnic by the river."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wind", "light", "growth", "speed", "voice"})
    void everyPowerHasItsWords(String power) {
        Map<String, Object> answers = new HashMap<>(TestStories.answers());
        answers.put("discovery", "power");
        answers.remove("discovery_object");
        answers.put("discovery_power", power);
        WrittenStory story = writer.write(brief(answers));
        assertEquals(20, new HashSet<>(story.scenes().stream().map(WrittenScene::text).toList()).size());
        story.scenes().forEach(s -> assertTrue(!s.text().contains("{") && !s.text().contains("null"), s.text()));
    }

    @Test
    void revisionAppendsFeedbackOnceAndKeepsThePrompt() {
        StoryBrief brief = brief(TestStories.answers());
        String prompt = "Scene. Main character: Pip. Style: watercolor.";
        String revised = writer.revisePrompt(new PromptRevision(brief, 3, "text", prompt, "make the sky pink!"));
        assertEquals(prompt + " Reader's request for this picture: make the sky pink.", revised);
        assertEquals(revised, writer.revisePrompt(new PromptRevision(brief, 3, "text", revised, "make the sky pink")));
        assertEquals(prompt, writer.revisePrompt(new PromptRevision(brief, 3, "text", prompt, null)));
    }

    private static String text(List<WrittenScene> scenes, int number) {
        return scenes.get(number - 1).text();
    }
}
