package io.taleforge.film.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bytedeco.javacpp.Loader;

import io.quarkus.logging.Log;
import io.taleforge.film.config.FilmConfig;

/**
 * The FFmpeg executables: by default the ones Maven Central's {@code org.bytedeco:ffmpeg}
 * (classifier {@code linux-x86_64-gpl}, with libx264) ships, extracted by JavaCPP's {@link Loader}
 * into its cache on first use; {@code taleforge.film.ffmpeg.dir} points at another folder holding
 * {@code ffmpeg} and {@code ffprobe}. Runs one command to its end with a timeout and gives back
 * stdout, or the end of stderr as the failure.
 */
@ApplicationScoped
public class Ffmpeg {

    private final FilmConfig.Ffmpeg config;
    private volatile Executables executables;

    @Inject
    public Ffmpeg(FilmConfig config) {
        this(config.ffmpeg());
    }

    public Ffmpeg(FilmConfig.Ffmpeg config) {
        this.config = config;
    }

    /** The paths of {@code ffmpeg} and {@code ffprobe}. */
    public record Executables(String ffmpeg, String ffprobe) {
    }

    /** Finds (and on first use extracts) the executables. */
    public Executables executables() throws FfmpegException {
        Executables found = executables;
        if (found == null) {
            synchronized (this) {
                if (executables == null) {
                    executables = locate();
                    Log.infof("ffmpeg located ffmpeg=%s ffprobe=%s", executables.ffmpeg(), executables.ffprobe());
                }
                found = executables;
            }
        }
        return found;
    }

    /** Runs {@code ffmpeg} with {@code args} (never reading stdin); stdout as text. */
    public String ffmpeg(List<String> args) throws FfmpegException, InterruptedException {
        List<String> all = new ArrayList<>();
        all.add("-nostdin");
        all.addAll(args);
        return run(executables().ffmpeg(), all);
    }

    /** Runs {@code ffprobe} with {@code args}; stdout as text. */
    public String ffprobe(List<String> args) throws FfmpegException, InterruptedException {
        return run(executables().ffprobe(), args);
    }

    private Executables locate() throws FfmpegException {
        if (config.dir().isPresent()) {
            Path dir = Path.of(config.dir().get());
            return new Executables(dir.resolve("ffmpeg").toString(), dir.resolve("ffprobe").toString());
        }
        try {
            return new Executables(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class),
                    Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new FfmpegException("FFmpeg from Maven Central cannot start here (" + e.getMessage()
                    + "); run deploy/local/ensure-ffmpeg (installs libpulse0) or set taleforge.film.ffmpeg.dir", e);
        }
    }

    private String run(String executable, List<String> args) throws FfmpegException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        Path err;
        Path out;
        Process process;
        try {
            err = Files.createTempFile("ffmpeg-", ".err");
            out = Files.createTempFile("ffmpeg-", ".out");
            process = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new FfmpegException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        try {
            Duration timeout = config.timeout();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FfmpegException(name(executable) + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new FfmpegException(name(executable) + " exited " + process.exitValue() + ": " + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FfmpegException("cannot read the output of " + name(executable) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            deleteQuietly(err);
            deleteQuietly(out);
        }
    }

    private static String name(String executable) {
        return Path.of(executable).getFileName().toString();
    }

    /** The last lines of stderr: FFmpeg says what went wrong at the end. */
    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        return text.length() > 1500 ? "…" + text.substring(text.length() - 1500) : text;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.debugf("ffmpeg temp file not deleted file=%s", file);
        }
    }
}
