package io.taleforge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One service as a separate process, started the way {@code ./taleforge up} starts it:
 * {@code java -jar <module>/target/quarkus-app/quarkus-run.jar} with {@code -D} settings, its
 * output in a log file. Only the process this object started is ever stopped or killed.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Path app;
    private final Path log;
    private final Map<String, String> settings;
    private Process process;

    ServiceProcess(String name, int port, Path app, Path log, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        this.app = app;
        this.log = log;
        this.settings = settings;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        System.out.printf("e2e: %s starting on port %d (pid %d, log %s)%n", name, port, process.pid(), log);
    }

    /** Waits until {@code /q/health/ready} is UP; fails at once (with the log's tail) if the process died. */
    void awaitReady(Duration timeout) {
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
                        }
                        return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(40), e);
        }
    }

    /** SIGKILL: the process gets no chance to finish anything (a crash). */
    synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(10);
            System.out.printf("e2e: %s killed (pid %d)%n", name, process.pid());
        }
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(15)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
