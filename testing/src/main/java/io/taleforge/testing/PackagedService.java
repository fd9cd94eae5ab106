package io.taleforge.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a separate
 * process, started the way {@code ./taleforge up} starts it: {@code java -jar} on its own port with
 * {@code -D} settings and environment variables, its output appended to a log file. {@link #start}
 * waits for {@code /q/health/ready} with a deadline and, when the service does not come up, fails
 * with the reason (its exit code or its last readiness answer, and the end of its log). The port
 * stays the same across restarts, so whoever points at the service keeps finding it.
 * <p>
 * Only processes this object started are ever signalled; a JVM shutdown hook stops whatever is
 * still running when the test JVM ends another way.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Set<PackagedService> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(PackagedService::stop),
                "taleforge-packaged-services-stop"));
    }

    private final String name;
    private final Path jar;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private List<String> jvmOptions = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");
    private Path workDir;
    private Path log;
    private int port;
    private Process process;
    private volatile String lastAnswer = "no answer yet";

    /**
     * @param name what the service is called in messages and in the default log name
     * @param jar its {@code quarkus-run.jar} (see {@link #packagedJar})
     */
    public PackagedService(String name, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (./mvnw -pl <module> package)");
        }
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.workDir = this.jar.getParent();
        this.port = FreePorts.one();
    }

    /**
     * The packaged jar of the module under test: the path in the system property {@code property}
     * (set by the module's failsafe configuration), else {@code target/quarkus-app/quarkus-run.jar}.
     */
    public static Path packagedJar(String property) {
        return Path.of(System.getProperty(property, "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    /** A system property ({@code -Dkey=value}) for every start after this call. */
    public PackagedService set(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    /** An environment variable for every start after this call. */
    public PackagedService env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** The JVM options (default {@code -Xms64m -Xmx384m -XX:+UseSerialGC}) instead of the current ones. */
    public PackagedService jvm(String... options) {
        jvmOptions = List.of(options);
        return this;
    }

    /**
     * The JVM options that ship, {@code deploy/local/jvm.options} of the repository at {@code root}
     * (as {@code ./taleforge up} uses them), plus {@code extra}. The class data archive they name is
     * relative to the jar's folder: keep that folder as the working directory (the default).
     */
    public PackagedService shippedJvm(Path root, String... extra) {
        List<String> options = new ArrayList<>();
        options.add("@" + root.toAbsolutePath().resolve("deploy/local/jvm.options"));
        options.addAll(List.of(extra));
        return jvm(options.toArray(String[]::new));
    }

    /** The process's working directory (default: the jar's folder). */
    public PackagedService workDir(Path dir) {
        workDir = dir.toAbsolutePath();
        return this;
    }

    /** The file every start appends its output to (default {@code <workDir>/<name>.log}). */
    public PackagedService log(Path file) {
        log = file.toAbsolutePath();
        return this;
    }

    /** The HTTP port instead of the free one chosen at construction. */
    public PackagedService port(int fixed) {
        port = fixed;
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String url(String path) {
        return url() + path;
    }

    public Path log() {
        return log != null ? log : workDir.resolve(name + ".log");
    }

    /** The process of the latest start (null before the first). */
    public synchronized Process process() {
        return process;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the process and waits until it is ready (see {@link #awaitReady}); stops it when it is not. */
    public PackagedService start(Duration readyWithin) {
        launch();
        try {
            awaitReady(readyWithin);
        } catch (RuntimeException notReady) {
            stop();
            throw notReady;
        }
        return this;
    }

    /** Starts the process without waiting (several services can then start side by side). */
    public synchronized PackagedService launch() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log().getParent());
            ProcessBuilder builder = new ProcessBuilder(command()).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        RUNNING.add(this);
        System.out.printf("test: %s starting on port %d (pid %d, log %s)%n", name, port, process.pid(), log());
        return this;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200. Fails at once when the process exits (with
     * its exit code and the end of its log), and at the deadline with the last readiness answer.
     */
    public void awaitReady(Duration deadline) {
        Process started = process();
        try {
            Awaitility.await(name + " ready").atMost(deadline).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException(name + " exited with code " + started.exitValue()
                                    + " before it was ready; " + log() + " ends with:\n" + tail(40));
                        }
                        return ready();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " (pid " + started.pid() + ", port " + port + ") not ready after "
                    + deadline + "; last readiness answer: " + lastAnswer + "; " + log() + " ends with:\n" + tail(40), e);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpResponse<String> answer = get("/q/health/ready");
            lastAnswer = answer.statusCode() + " " + answer.body();
            return answer.statusCode() == 200;
        } catch (IOException e) {
            lastAnswer = e.toString();
            return false;
        }
    }

    /** kill -9: no shutdown hook runs, nothing is flushed, released or acknowledged (a crash). */
    public synchronized void kill() {
        if (alive()) {
            process.destroyForcibly();
            waitFor(10);
            System.out.printf("test: %s killed (pid %d)%n", name, process.pid());
        }
        RUNNING.remove(this);
    }

    /** SIGTERM (a clean stop), then SIGKILL after 20 s. */
    public synchronized void stop() {
        if (alive()) {
            process.destroy();
            if (!waitFor(20)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
        RUNNING.remove(this);
    }

    @Override
    public void close() {
        stop();
    }

    /** Everything the service wrote, over all its starts. */
    public String logs() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.exists(log()) ? Files.readAllLines(log()) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
