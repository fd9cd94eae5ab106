package io.taleforge.film.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Texts over a voice's input limit are split at sentence ends, never inside a word. */
class TextChunksTest {

    @Test
    void aShortTextIsOnePiece() {
        assertEquals(List.of("Ember walked home. The snow fell."), TextChunks.split(" Ember walked home. The snow fell. ", 100));
    }

    @Test
    void piecesEndAtSentenceEndsAndLoseNothing() {
        String text = "The fox ran. It was fast! Did it stop? No, it never stopped. The end.";
        List<String> pieces = TextChunks.split(text, 30);
        assertEquals(List.of("The fox ran. It was fast!", "Did it stop?", "No, it never stopped. The end."), pieces);
        assertEquals(text, String.join(" ", pieces));
    }

    @Test
    void aSentenceLongerThanTheLimitIsSplitAtASpace() {
        String sentence = "one two three four five six seven eight nine ten eleven twelve.";
        List<String> pieces = TextChunks.split(sentence, 20);
        pieces.forEach(p -> assertTrue(p.length() <= 20, p));
        assertEquals(sentence, String.join(" ", pieces), "whole words only");
    }
}
