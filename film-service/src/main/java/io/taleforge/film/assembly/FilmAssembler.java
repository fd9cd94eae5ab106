package io.taleforge.film.assembly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.taleforge.film.ffmpeg.Ffmpeg;
import io.taleforge.film.ffmpeg.FfmpegException;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.subtitle.Subtitles;

/**
 * Joins a story's clips and narrations into one film with FFmpeg: a title card (the story's title,
 * the hero's portrait when there is one, silent), then per scene its clip fitted to its
 * narration's length — slowed down to at most half speed, then its last frame held, never cut
 * short of the words — with the narration as its sound and a short fade in and out; every piece
 * encoded alike (H.264, AAC), then joined without re-encoding, with the subtitles as a soft
 * {@code mov_text} track. The subtitles' cues start after the title card.
 */
public class FilmAssembler {

    /** The film's look: frame size, frames per second, title card and fade lengths, the x264 preset. */
    public record Settings(int width, int height, int fps, double titleSeconds, double fadeSeconds, String preset) {
    }

    /** One scene: its clip, its narration (any format FFmpeg reads) with the measured length, its text. */
    public record Shot(Path clip, Path narration, long narrationMs, String text) {
    }

    /** The film: the MP4, its subtitles (WebVTT, SRT) and its measured length. */
    public record Film(Path mp4, String webVtt, String srt, long durationMs) {
    }

    private final Ffmpeg ffmpeg;
    private final VideoProbe probe;
    private final Settings settings;

    public FilmAssembler(Ffmpeg ffmpeg, VideoProbe probe, Settings settings) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.settings = settings;
    }

    /** Assembles the film into {@code dir} (a work folder of its own). */
    public Film assemble(String title, byte[] portrait, List<Shot> shots, Path dir)
            throws IOException, FfmpegException, InterruptedException {
        Files.createDirectories(dir);
        List<Path> pieces = new ArrayList<>();
        pieces.add(titlePiece(title, portrait, dir));
        List<Subtitles.Scene> scenes = new ArrayList<>();
        long at = Math.round(settings.titleSeconds() * 1000);
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            pieces.add(scenePiece(shot, dir.resolve("scene-%02d.mp4".formatted(i + 1))));
            scenes.add(new Subtitles.Scene(shot.text(), at, shot.narrationMs()));
            at += shot.narrationMs();
        }
        List<Subtitles.Cue> cues = Subtitles.cues(scenes);
        Path srt = dir.resolve("film.srt");
        Files.writeString(srt, Subtitles.srt(cues), StandardCharsets.UTF_8);
        Path film = join(pieces, srt, dir);
        long ms = Math.round(probe.durationSeconds(film) * 1000);
        return new Film(film, Subtitles.webVtt(cues), Subtitles.srt(cues), ms);
    }

    private Path titlePiece(String title, byte[] portrait, Path dir)
            throws IOException, FfmpegException, InterruptedException {
        Path card = dir.resolve("title.png");
        Files.write(card, TitleCard.png(title, portrait, settings.width(), settings.height()));
        Path out = dir.resolve("title.mp4");
        double t = settings.titleSeconds();
        String video = "[0:v]" + frame() + ",fade=t=in:st=0:d=%s,fade=t=out:st=%s:d=%s[v]"
                .formatted(num(settings.fadeSeconds()), num(t - settings.fadeSeconds()), num(settings.fadeSeconds()));
        ffmpeg.ffmpeg(encode(List.of("-loop", "1", "-i", card.toString(), "-f", "lavfi", "-i",
                "anullsrc=r=44100:cl=stereo", "-filter_complex", video, "-map", "[v]", "-map", "1:a"), t, out));
        return out;
    }

    /**
     * The clip slowed to fill the narration (at most to half speed), its last frame held for what
     * is left, the narration padded with silence to the same length; both cut at that length.
     */
    private Path scenePiece(Shot shot, Path out) throws FfmpegException, InterruptedException {
        double length = shot.narrationMs() / 1000.0;
        double clip = probe.probe(shot.clip()).durationSeconds();
        double slow = clip <= 0 ? 1 : Math.min(2, Math.max(1, length / clip));
        double fade = Math.min(settings.fadeSeconds(), length / 4);
        String filter = ("[0:v]setpts=PTS*%s,tpad=stop_mode=clone:stop_duration=%s," + frame()
                + ",fade=t=in:st=0:d=%s,fade=t=out:st=%s:d=%s[v];"
                + "[1:a]aresample=44100,aformat=channel_layouts=stereo,apad[a]")
                .formatted(num(slow), num(length), num(fade), num(length - fade), num(fade));
        ffmpeg.ffmpeg(encode(List.of("-i", shot.clip().toString(), "-i", shot.narration().toString(),
                "-filter_complex", filter, "-map", "[v]", "-map", "[a]"), length, out));
        return out;
    }

    /** The pieces one after the other (stream copy: they are encoded alike) with the SRT as a soft track. */
    private Path join(List<Path> pieces, Path srt, Path dir) throws IOException, FfmpegException, InterruptedException {
        Path list = dir.resolve("pieces.txt");
        Files.write(list, pieces.stream().map(p -> "file '" + p.toAbsolutePath() + "'").toList());
        Path film = dir.resolve("film.mp4");
        ffmpeg.ffmpeg(List.of("-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i",
                list.toString(), "-i", srt.toString(), "-map", "0:v", "-map", "0:a", "-map", "1", "-c:v", "copy",
                "-c:a", "copy", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng", "-disposition:s:0", "default",
                "-movflags", "+faststart", film.toString()));
        return film;
    }

    private String frame() {
        return "scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,fps=%d,format=yuv420p".formatted(
                settings.width(), settings.height(), settings.width(), settings.height(), settings.fps());
    }

    /** The same encoding for every piece, cut at {@code seconds}. */
    private List<String> encode(List<String> inputs, double seconds, Path out) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-y"));
        args.addAll(inputs);
        args.addAll(List.of("-t", num(seconds), "-c:v", "libx264", "-preset", settings.preset(), "-crf", "23",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ar", "44100", "-ac", "2", out.toString()));
        return args;
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
