package io.taleforge.film.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;

/** The project's FFmpeg (and local voice) for tests: makes sure they can run (deploy/local/ensure-*), then hands FFmpeg out. */
public final class FfmpegSupport {

    private FfmpegSupport() {
    }

    /** Runs deploy/local/ensure-ffmpeg once per JVM; fails the test when it cannot. */
    public static synchronized void ensure() {
        ensureOnce("ensure-ffmpeg", "FFmpeg cannot run here");
    }

    /** Runs deploy/local/ensure-espeak once per JVM (the local voice); fails the test when it cannot. */
    public static synchronized void ensureVoice() {
        ensureOnce("ensure-espeak", "espeak-ng cannot run here");
    }

    private static void ensureOnce(String script, String meaning) {
        String done = "taleforge." + script + ".done";
        if (Boolean.getBoolean(done)) {
            return;
        }
        Path root = Path.of(System.getProperty("taleforge.root", "..")).toAbsolutePath().normalize();
        try {
            Process process = new ProcessBuilder(root.resolve("deploy/local/" + script).toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("deploy/local/" + script + " failed: " + meaning);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run deploy/local/" + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.setProperty(done, "true");
    }

    /** The Maven Central FFmpeg with a one-minute timeout. */
    public static Ffmpeg ffmpeg() {
        ensure();
        return new Ffmpeg(new FilmConfig.Ffmpeg() {
            @Override
            public Optional<String> dir() {
                return Optional.empty();
            }

            @Override
            public Duration timeout() {
                return Duration.ofMinutes(1);
            }
        });
    }
}
