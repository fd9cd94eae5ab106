package io.taleforge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real outside tool run to completion from the repository root, its output kept for the assertion message. */
final class Tool {

    /** The first run may install the tool (apt-get) or its packages (npm): minutes on a loaded machine. */
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    /** What the tool answered: its exit code and its stdout and stderr, interleaved. */
    record Result(int exit, String output) {

        List<String> lines() {
            return output.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + ":\n" + output;
        }
    }

    private Tool() {
    }

    /**
     * Runs {@code command} in the repository root with a minimal environment (PATH, HOME and
     * {@code env}), so nothing of the caller's shell (an API key, a developer's .env values) leaks in.
     */
    static Result run(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Deployment.root().toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        String home = environment.get("HOME");
        environment.clear();
        environment.put("PATH", path);
        environment.put("HOME", home);
        environment.put("LANG", "C.UTF-8");
        environment.putAll(env);
        try {
            Path output = Files.createTempFile("taleforge-tool", ".out");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + DEADLINE);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        }
    }

    /** The path of an executable a project script prints on its last line of stdout (e.g. deploy/local/ensure-docker-compose). */
    static String ensure(String script) {
        Result result = run(Map.of(), Deployment.root().resolve(script).toString());
        if (result.exit() != 0) {
            throw new AssertionError(script + " could not provide its tool, " + result);
        }
        List<String> lines = new ArrayList<>(result.lines());
        return lines.get(lines.size() - 1).trim();
    }

    static Path fixture(String name) {
        return Deployment.root().resolve("deploy/verify/src/test/resources/broken").resolve(name);
    }
}
