package io.taleforge.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptSanitizerTest {

    @Test
    void softensRiskyWordsWholeWordsOnly() {
        String out = PromptSanitizer.sanitize("The fox draws a Sword, blood on the warden's bloody map");
        assertEquals("The fox draws a stick, red paint on the warden's messy map", out);
    }

    @Test
    void shortenedKeepsTheOpeningWordsOfTheSanitizedPrompt() {
        String out = PromptSanitizer.shorten("one two kill three four five", 4);
        assertTrue(out.startsWith("A gentle children's book illustration: "), out);
        assertTrue(out.endsWith("one two defeat three"), out);
        assertFalse(out.contains("five"));
    }
}
