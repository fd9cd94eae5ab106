package io.taleforge.film.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Measures a video with {@code ffprobe}: codec, frame size and duration of its first video stream.
 * A clip's duration is measured, never taken from what a provider promised.
 */
@ApplicationScoped
public class VideoProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Ffmpeg ffmpeg;

    public VideoProbe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** What ffprobe says of the first video stream. */
    public record VideoInfo(String codec, int width, int height, double durationSeconds) {
    }

    public VideoInfo probe(Path file) throws FfmpegException, InterruptedException {
        String out = ffmpeg.ffprobe(List.of("-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height", "-show_entries", "format=duration",
                "-of", "json", file.toString()));
        try {
            JsonNode root = JSON.readTree(out);
            JsonNode streams = root.path("streams");
            if (!streams.isArray() || streams.isEmpty()) {
                throw new FfmpegException("not a video: ffprobe found no video stream");
            }
            JsonNode stream = streams.get(0);
            return new VideoInfo(stream.path("codec_name").asText(), stream.path("width").asInt(),
                    stream.path("height").asInt(), root.path("format").path("duration").asDouble());
        } catch (IOException e) {
            throw new FfmpegException("ffprobe answered something that is not JSON", e);
        }
    }

    /** The duration of any media file ffprobe reads (a narration's WAV or MP3 too), in seconds. */
    public double durationSeconds(Path file) throws FfmpegException, InterruptedException {
        String out = ffmpeg.ffprobe(List.of("-v", "error", "-show_entries", "format=duration", "-of", "json",
                file.toString()));
        try {
            JsonNode duration = JSON.readTree(out).path("format").path("duration");
            if (!duration.isTextual() && !duration.isNumber()) {
                throw new FfmpegException("ffprobe found no duration in " + file.getFileName());
            }
            return duration.asDouble();
        } catch (IOException e) {
            throw new FfmpegException("ffprobe answered something that is not JSON", e);
        }
    }

    /** Every stream of a media file as {@code type:codec}, e.g. {@code video:h264}, {@code subtitle:mov_text}. */
    public List<String> streams(Path file) throws FfmpegException, InterruptedException {
        String out = ffmpeg.ffprobe(List.of("-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of",
                "json", file.toString()));
        try {
            List<String> streams = new java.util.ArrayList<>();
            JSON.readTree(out).path("streams").forEach(s -> streams.add(s.path("codec_type").asText() + ":"
                    + s.path("codec_name").asText()));
            return streams;
        } catch (IOException e) {
            throw new FfmpegException("ffprobe answered something that is not JSON", e);
        }
    }

    /** Probes bytes by writing them to a temporary file first. */
    public VideoInfo probe(byte[] video) throws FfmpegException, InterruptedException {
        Path file = null;
        try {
            file = Files.createTempFile("clip-", ".mp4");
            Files.write(file, video);
            return probe(file);
        } catch (IOException e) {
            throw new FfmpegException("cannot write the video to probe: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }
}
