package io.taleforge.film.subtitle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Cues timed to the narration, long texts split into readable cues, WebVTT and SRT that parse. */
class SubtitlesTest {

    static final String LONG = "Ember walked home alone under a grey sky. The others laughed at the tryouts, and the "
            + "snow fell quietly on the Frost Lodge while the wind sang in the pines. Nobody saw the small light.";

    static final List<Subtitles.Scene> FILM = List.of(
            new Subtitles.Scene("Once upon a time.", 3000, 1500),
            new Subtitles.Scene(LONG, 4500, 9000));

    @Test
    void cuesAreInOrderTimedToTheirNarrationAndReadable() {
        List<Subtitles.Cue> cues = Subtitles.cues(FILM);
        assertEquals(new Subtitles.Cue(3000, 4500, List.of("Once upon a time.")), cues.get(0));
        assertTrue(cues.size() >= 4, "the long scene is several cues: " + cues);
        for (int i = 1; i < cues.size(); i++) {
            assertEquals(cues.get(i - 1).endMs(), cues.get(i).startMs(), "one after the other, no gap or overlap");
            assertTrue(cues.get(i).endMs() > cues.get(i).startMs());
        }
        assertEquals(13_500, cues.get(cues.size() - 1).endMs(), "the last cue ends with the narration");
        cues.forEach(c -> {
            assertTrue(c.lines().size() <= 2, c.toString());
            c.lines().forEach(l -> assertTrue(l.length() <= Subtitles.LINE + 10, "a readable line: " + l));
        });
        String words = String.join(" ", cues.subList(1, cues.size()).stream()
                .flatMap(c -> c.lines().stream()).toList());
        assertEquals(LONG, words, "every word, in order, none cut");
    }

    @Test
    void theWebVttParsesWithCuesInOrder() {
        String vtt = Subtitles.webVtt(Subtitles.cues(FILM));
        assertTrue(vtt.startsWith("WEBVTT\n\n"), vtt);
        Matcher m = Pattern.compile("(?m)^(\\d+)\\n(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})\\n")
                .matcher(vtt);
        long last = -1;
        int n = 0;
        while (m.find()) {
            n++;
            assertEquals(n, Integer.parseInt(m.group(1)));
            long start = ms(m, 2);
            assertTrue(start >= last, "cues in order");
            last = ms(m, 6);
        }
        assertEquals(Subtitles.cues(FILM).size(), n);
        assertTrue(vtt.contains("00:00:03.000 --> 00:00:04.500\nOnce upon a time.\n"), vtt);
    }

    @Test
    void theSrtHasCommasInItsTimes() {
        String srt = Subtitles.srt(Subtitles.cues(FILM));
        assertTrue(srt.startsWith("1\n00:00:03,000 --> 00:00:04,500\nOnce upon a time.\n\n2\n"), srt);
        assertEquals("01:02:03.004", Subtitles.time(3_723_004, '.'));
    }

    private static long ms(Matcher m, int from) {
        return Long.parseLong(m.group(from)) * 3_600_000 + Long.parseLong(m.group(from + 1)) * 60_000
                + Long.parseLong(m.group(from + 2)) * 1000 + Long.parseLong(m.group(from + 3));
    }
}
