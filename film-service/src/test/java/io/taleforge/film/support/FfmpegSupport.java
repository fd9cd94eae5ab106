package io.taleforge.film.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.Ffmpeg;

/** The project's FFmpeg for tests: makes sure it can run (deploy/local/ensure-ffmpeg), then hands it out. */
public final class FfmpegSupport {

    private FfmpegSupport() {
    }

    /** Runs deploy/local/ensure-ffmpeg once per JVM; fails the test when it cannot. */
    public static synchronized void ensure() {
        if (Boolean.getBoolean("taleforge.ffmpeg.ensured")) {
            return;
        }
        Path root = Path.of(System.getProperty("taleforge.root", "..")).toAbsolutePath().normalize();
        try {
            Process process = new ProcessBuilder(root.resolve("deploy/local/ensure-ffmpeg").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("deploy/local/ensure-ffmpeg failed: FFmpeg cannot run here");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run deploy/local/ensure-ffmpeg", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        System.setProperty("taleforge.ffmpeg.ensured", "true");
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
