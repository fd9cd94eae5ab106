package io.taleforge.film.subtitle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.taleforge.film.voice.TextChunks;

/**
 * The film's subtitles: each scene's text timed to its narration. A scene's text is broken into
 * readable cues (whole sentences where they fit, at most two lines of {@value #LINE} characters,
 * never a word cut), and the narration's measured length is shared among its cues by their length
 * in characters, so a cue stays up about as long as it takes to read it aloud. Written as WebVTT
 * (the player's track) and SRT (the download).
 */
public final class Subtitles {

    /** Characters per subtitle line (the usual broadcast limit). */
    public static final int LINE = 42;

    private Subtitles() {
    }

    /** One scene of the film: its text, when its narration starts and how long it lasts. */
    public record Scene(String text, long startMs, long durationMs) {
    }

    /** One cue: shown from {@code startMs} to {@code endMs}, one or two lines. */
    public record Cue(long startMs, long endMs, List<String> lines) {
    }

    /** The cues of every scene, in order. */
    public static List<Cue> cues(List<Scene> scenes) {
        List<Cue> cues = new ArrayList<>();
        for (Scene scene : scenes) {
            List<String> pieces = TextChunks.split(scene.text(), 2 * LINE);
            long chars = pieces.stream().mapToLong(String::length).sum();
            long at = scene.startMs();
            long used = 0;
            for (String piece : pieces) {
                used += piece.length();
                long end = scene.startMs() + Math.round((double) scene.durationMs() * used / chars);
                cues.add(new Cue(at, end, lines(piece)));
                at = end;
            }
        }
        return cues;
    }

    /** The WebVTT track (the player's). */
    public static String webVtt(List<Cue> cues) {
        return write("WEBVTT\n\n", cues, '.');
    }

    /** The SRT file (the download). */
    public static String srt(List<Cue> cues) {
        return write("", cues, ',');
    }

    private static String write(String header, List<Cue> cues, char separator) {
        StringBuilder out = new StringBuilder(header);
        for (int i = 0; i < cues.size(); i++) {
            Cue c = cues.get(i);
            out.append(i + 1).append('\n').append(time(c.startMs(), separator)).append(" --> ")
                    .append(time(c.endMs(), separator)).append('\n').append(String.join("\n", c.lines()))
                    .append("\n\n");
        }
        return out.toString();
    }

    /** A piece of at most two lines' length as one or two lines, broken at the space nearest the middle. */
    static List<String> lines(String piece) {
        if (piece.length() <= LINE) {
            return List.of(piece);
        }
        int middle = piece.length() / 2;
        int before = piece.lastIndexOf(' ', middle);
        int after = piece.indexOf(' ', middle);
        int cut = before < 0 ? after : after < 0 ? before : middle - before <= after - middle ? before : after;
        return cut < 0 ? List.of(piece) : List.of(piece.substring(0, cut), piece.substring(cut + 1));
    }

    /** {@code HH:MM:SS.mmm} (WebVTT) or {@code HH:MM:SS,mmm} (SRT). */
    static String time(long ms, char separator) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                separator, ms % 1000);
    }
}
