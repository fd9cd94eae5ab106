package io.taleforge.film.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.support.FfmpegSupport;

/** The assembled film checked with ffprobe: its streams, its length, its subtitles. */
class FilmAssemblerTest {

    @TempDir
    Path work;

    final Ffmpeg ffmpeg = FfmpegSupport.ffmpeg();
    final VideoProbe probe = new VideoProbe(ffmpeg);

    @Test
    void titleThenEachClipFittedToItsNarrationWithSoundAndASoftSubtitleTrack() throws Exception {
        Path clip1 = media("testsrc=size=320x180:rate=24", 1.0, "clip1.mp4");
        Path clip2 = media("testsrc2=size=320x180:rate=24", 1.0, "clip2.mp4");
        Path voice1 = media("sine=frequency=440", 2.5, "voice1.wav");
        Path voice2 = media("sine=frequency=330", 4.0, "voice2.wav");
        FilmAssembler assembler = new FilmAssembler(ffmpeg, probe, new FilmAssembler.Settings(320, 180, 24, 2.0, 0.3, "veryfast"));

        FilmAssembler.Film film = assembler.assemble("Ember and the Inner Light", Files.readAllBytes(
                media("testsrc=size=256x256:rate=1", 1.0, "portrait.png")), List.of(
                new FilmAssembler.Shot(clip1, voice1, 2500, "Once upon a time, a small fox lived in the snow."),
                new FilmAssembler.Shot(clip2, voice2, 4000, "The others laughed at the tryouts, and the snow fell "
                        + "quietly on the Frost Lodge while the wind sang in the pines.")), work.resolve("film"));

        assertEquals(List.of("video:h264", "audio:aac", "subtitle:mov_text"), probe.streams(film.mp4()));
        assertEquals(2000 + 2500 + 4000, film.durationMs(), 500, "title card + the narrations, none cut short");
        assertEquals(film.durationMs() / 1000.0, probe.durationSeconds(film.mp4()), 0.01);
        assertTrue(film.webVtt().startsWith("WEBVTT\n\n1\n00:00:02.000 --> 00:00:04.500\n"), film.webVtt());
        assertTrue(film.srt().contains("00:00:04,500 --> "), "scene 2's cues start when its narration does");
        assertTrue(film.webVtt().trim().endsWith("in the pines."), film.webVtt());
    }

    /** A test input made by FFmpeg from a lavfi source. */
    private Path media(String source, double seconds, String name) throws Exception {
        Path out = work.resolve(name);
        List<String> frames = name.endsWith(".png") ? List.of("-frames:v", "1") : List.of("-t", Double.toString(seconds));
        List<String> args = new java.util.ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", source));
        args.addAll(frames);
        args.add(out.toString());
        ffmpeg.ffmpeg(args);
        return out;
    }
}
