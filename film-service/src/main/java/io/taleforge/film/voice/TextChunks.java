package io.taleforge.film.voice;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a text into pieces of at most {@code max} characters at sentence ends, never inside a
 * word: a voice whose input is capped (OpenAI speech: 4096 characters) reads the pieces one after
 * the other. A single sentence longer than the cap is split at its last space before the cap.
 */
public final class TextChunks {

    private TextChunks() {
    }

    public static List<String> split(String text, int max) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences(text.strip())) {
            if (current.length() + sentence.length() > max && current.length() > 0) {
                chunks.add(current.toString().strip());
                current.setLength(0);
            }
            if (sentence.length() > max) {
                chunks.addAll(byWords(sentence, max));
            } else {
                current.append(sentence);
            }
        }
        if (!current.toString().isBlank()) {
            chunks.add(current.toString().strip());
        }
        return chunks;
    }

    private static List<String> sentences(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        it.setText(text);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(text.substring(start, end));
        }
        return out;
    }

    private static List<String> byWords(String sentence, int max) {
        List<String> out = new ArrayList<>();
        String rest = sentence.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf(' ', max);
            cut = cut <= 0 ? max : cut;
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }
}
