package io.taleforge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * ffprobe (Maven Central's FFmpeg, the one film-service renders with) on a downloaded film: its
 * streams as {@code codec_type:codec_name} and its length.
 */
final class FilmProbe {

    private FilmProbe() {
    }

    /** The streams of {@code mp4}, e.g. {@code [video:h264, audio:aac, subtitle:mov_text]}. */
    static List<String> streams(byte[] mp4) {
        return run(mp4, "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0").lines()
                .map(line -> {
                    String[] parts = line.trim().split(",");
                    return parts.length == 2 ? parts[1] + ":" + parts[0] : line.trim();
                }).filter(s -> !s.isEmpty()).toList();
    }

    /** The container's length in seconds. */
    static double seconds(byte[] mp4) {
        return Double.parseDouble(run(mp4, "-show_entries", "format=duration", "-of", "csv=p=0").trim());
    }

    private static String run(byte[] mp4, String... query) {
        try {
            Path file = Files.createTempFile("taleforge-film-", ".mp4");
            try {
                Files.write(file, mp4);
                List<String> command = new java.util.ArrayList<>(List.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class), "-v", "error"));
                command.addAll(List.of(query));
                command.add(file.toString());
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException("ffprobe failed: " + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
