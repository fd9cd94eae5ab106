package io.taleforge.commons.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptSanitizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The knight killed the dragon with a sword|The knight defeated the dragon with a wooden staff",
            "blood on the floor and a wounded fox|red paint on the floor and a scratched fox",
            "They fought a great battle in the war|They faced a great showdown in the great contest",
            "Guns, knives and bombs|Toy horns, spoons and fireworks",
            "the beast attacked and the tower exploded|the beast charged and the tower burst with light",
            "the injured owl, nearly dead|the bruised owl, nearly asleep",
            "a violent storm of weapons|a stormy storm of tools"})
    void replacesRefusedWording(String input, String expected) {
        assertEquals(expected, PromptSanitizer.sanitize(input));
    }

    @Test
    void keepsCapitalisation() {
        assertEquals("Defeat the king! DEFEAT IT. Wooden staff first.", PromptSanitizer.sanitize("Kill the king! KILL IT. Sword first."));
    }

    @Test
    void replacesWholeWordsOnly() {
        String safe = "Her skill was warm; a swordfish swam past the warden, a dietitian and a battleship.";
        assertEquals(safe, PromptSanitizer.sanitize(safe));
    }

    @Test
    void stripsControlCharactersAndCollapsesWhitespace() {
        assertEquals("a calm lake at dawn", PromptSanitizer.sanitize("  a calm\u0000 lake\n\n at\tdawn "));
        assertNull(PromptSanitizer.sanitize(null));
    }

    @Test
    void noRefusedWordSurvives() {
        StringBuilder everything = new StringBuilder();
        PromptSanitizer.REPLACEMENTS.keySet().forEach(w -> everything.append(w).append(' ')
                .append(w.toUpperCase(Locale.ROOT)).append(". "));
        String out = PromptSanitizer.sanitize(everything.toString());
        for (String word : PromptSanitizer.REPLACEMENTS.keySet()) {
            if (PromptSanitizer.REPLACEMENTS.values().stream().noneMatch(v -> v.contains(word))) {
                assertFalse(Pattern.compile("(?i)\\b" + word + "\\b").matcher(out).find(), word + " survived: " + out);
            }
        }
    }

    @Test
    void shortenedKeepsTheOpeningWordsOfTheSanitizedPrompt() {
        String out = PromptSanitizer.shorten("one two kill three four five", 4);
        assertTrue(out.startsWith("A gentle children's book illustration: "), out);
        assertTrue(out.endsWith("one two defeat three"), out);
        assertFalse(out.contains("five"));
    }
}
