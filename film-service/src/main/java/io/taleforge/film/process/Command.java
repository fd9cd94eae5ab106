package io.taleforge.film.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * Runs one outside program (FFmpeg, ffprobe, espeak-ng) to its end with a timeout, never reading
 * stdin: stdout comes back as text, a non-zero exit as a {@link CommandException} carrying the
 * end of stderr (where these programs say what went wrong). Output goes through temporary files,
 * so a chatty program never blocks on a full pipe.
 */
public final class Command {

    private Command() {
    }

    /** Runs {@code command} (the executable first) for at most {@code timeout}; its stdout. */
    public static String run(List<String> command, Duration timeout) throws CommandException, InterruptedException {
        String name = Path.of(command.get(0)).getFileName().toString();
        Path err;
        Path out;
        Process process;
        try {
            err = Files.createTempFile("command-", ".err");
            out = Files.createTempFile("command-", ".out");
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()))
                    .redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new CommandException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CommandException(name + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new CommandException(name + " exited " + process.exitValue() + ": " + tail(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("cannot read the output of " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            deleteQuietly(err);
            deleteQuietly(out);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /** The last lines of stderr. */
    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        return text.length() > 1500 ? "…" + text.substring(text.length() - 1500) : text;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.debugf("temporary output not deleted file=%s", file);
        }
    }
}
