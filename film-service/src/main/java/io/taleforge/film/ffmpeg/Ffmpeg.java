package io.taleforge.film.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bytedeco.javacpp.Loader;

import io.quarkus.logging.Log;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.process.Command;
import io.taleforge.film.process.CommandException;

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
        try {
            return Command.run(command, config.timeout());
        } catch (CommandException e) {
            throw new FfmpegException(e.getMessage(), e);
        }
    }
}
