package io.taleforge.image.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model table: its rows, what it refuses, a user's own table, and prompts cut to a model's limit. */
class ImageModelsTest {

    final ImageModels table = ImageModels.load(Optional.empty());

    @Test
    void theShippedTableHasTodaysModelsAndNotTheRetiredOnes() {
        ImageModel gptImage2 = table.find("gpt-image-2").orElseThrow();
        assertEquals("b64_json", gptImage2.answer());
        assertFalse(gptImage2.responseFormat(), "GPT image models take no response_format");
        assertTrue(gptImage2.referenceImages());
        assertEquals("medium", gptImage2.defaultQuality());
        ImageModel dallE2 = table.find("dall-e-2").orElseThrow();
        assertEquals(1000, dallE2.promptLimit());
        assertEquals("url", dallE2.answer());
        assertNull(dallE2.defaultQuality(), "dall-e-2 is sent no quality");
        assertTrue(table.find("gpt-image-1-mini").isPresent());
        assertTrue(table.find("gpt-image-1.5").isPresent());
        assertTrue(table.find("gpt-image-1").isEmpty() && table.find("dall-e-3").isEmpty());
        for (String model : List.of("gpt-image-2", "gpt-image-1.5", "gpt-image-1-mini", "dall-e-2")) {
            assertEquals(List.of(), table.problems(model, Optional.empty(), Optional.empty(), Optional.empty()), model);
        }
    }

    @Test
    void aModelNotInTheTableIsRefusedWithAMessageNamingTheTable() {
        String unknown = table.problems("gpt-image-9", Optional.empty(), Optional.empty(), Optional.empty()).get(0);
        assertTrue(unknown.startsWith("image model 'gpt-image-9' is not in the model table (classpath image-models.json)"),
                unknown);
        assertTrue(unknown.contains("known: gpt-image-2, gpt-image-1.5, gpt-image-1-mini, dall-e-2"), unknown);
        assertTrue(unknown.contains("taleforge.image.openai.models-file"), unknown);
        String retired = table.problems("gpt-image-1", Optional.empty(), Optional.empty(), Optional.empty()).get(0);
        assertTrue(retired.contains("(retired by OpenAI on 2026-10-23; use gpt-image-2)"), retired);
    }

    @Test
    void aSizeQualityOrResponseFormatTheModelDoesNotTakeIsRefused() {
        List<String> problems = table.problems("gpt-image-2", Optional.of("1792x1024"), Optional.of("hd"),
                Optional.of("url"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("size '1792x1024' is not one of image model 'gpt-image-2''s"), problems.get(0));
        assertTrue(problems.get(1).startsWith("quality 'hd'"), problems.get(1));
        assertTrue(problems.get(2).contains("takes no response_format (it answers b64_json"), problems.get(2));
        assertEquals(List.of(), table.problems("dall-e-2", Optional.of("512x512"), Optional.empty(),
                Optional.of("b64_json")));
    }

    @Test
    void aUsersOwnTableReplacesTheShippedOne(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("models.json");
        Files.writeString(own, """
                {"models":{"my-model":{"sizes":["512x512"],"defaultSize":"512x512","qualities":["standard"],
                 "answer":"b64_json","promptLimit":200,"referenceImages":false}}}""");
        ImageModels mine = ImageModels.load(Optional.of(own.toString()));
        assertEquals("file " + own, mine.source());
        assertEquals(List.of(), mine.problems("my-model", Optional.empty(), Optional.empty(), Optional.empty()));
        assertTrue(mine.problems("gpt-image-2", Optional.empty(), Optional.empty(), Optional.empty()).get(0)
                .contains("model table (file " + own + ")"));
        Files.writeString(own, "{\"models\":{\"broken\":{\"sizes\":[],\"answer\":\"jpeg\"}}}");
        List<String> broken = ImageModels.load(Optional.of(own.toString())).problems("broken", Optional.empty(),
                Optional.empty(), Optional.empty());
        assertEquals(4, broken.size(), broken.toString());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ImageModels.load(Optional.of(dir.resolve("none.json").toString())));
        assertTrue(missing.getMessage().startsWith("the image model table (file "), missing.getMessage());
    }

    @Test
    void aLongPromptIsCutAtASentenceEndWithinTheModelsLimit() {
        StringBuilder prompt = new StringBuilder();
        for (int i = 1; prompt.length() < 3800; i++) {
            prompt.append("Rufus the small red fox climbs hill number ").append(i)
                    .append(" and looks at the sea, where the lighthouse blinks (slowly)! ");
        }
        String story = prompt.toString().strip();
        assertEquals(3800, story.length(), 80);
        String cut = table.find("dall-e-2").orElseThrow().fitPrompt(story);
        assertTrue(cut.length() <= 1000 && cut.length() > 900, cut.length() + " chars");
        assertTrue(cut.endsWith("(slowly)!"), cut.substring(cut.length() - 20));
        assertTrue(story.startsWith(cut), "the start of the prompt, unchanged");
        assertEquals(story, table.find("gpt-image-2").orElseThrow().fitPrompt(story), "within 32,000: unchanged");
        String oneSentence = "word ".repeat(400);
        String cutWords = table.find("dall-e-2").orElseThrow().fitPrompt(oneSentence);
        assertTrue(cutWords.length() <= 1000 && cutWords.endsWith("word."), cutWords.length() + " chars");
    }
}
