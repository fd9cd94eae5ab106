package io.taleforge.approval.it;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import io.taleforge.infra.LocalInfra;

/**
 * approval-service as a real separate process started from the packaged jar, against the real
 * broker, with its H2 database file in a folder of its own that outlives the process, so a test
 * can kill it and start it again on the same data. It reads a private image-status topic with a
 * private consumer group (nothing of other runs to read through, nothing taken from a running
 * approval-service); it writes the shared output topics, keyed by the test's story ids.
 */
final class ApprovalServiceProcess implements AutoCloseable {

    private final Path jar;
    private final Path workDir;
    private final LocalInfra infra;
    private final String topic;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Process process;
    private int port;

    ApprovalServiceProcess(LocalInfra infra, String name) throws IOException {
        this.jar = Path.of(System.getProperty("approval-service.jar", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw -pl approval-service package` first");
        }
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.workDir = jar.getParent().getParent().resolve("it").resolve(run);
        Files.createDirectories(workDir);
        this.infra = infra;
        this.topic = "image-status-" + run;
    }

    /** A setting ({@code -Dkey=value}) for every start after this call. */
    ApprovalServiceProcess set(String key, Object value) {
        settings.put(key, String.valueOf(value));
        return this;
    }

    /** Everything the process wrote, over all its starts. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < started.size(); i++) {
            all.append(Files.readString(workDir.resolve("run-" + i + ".log")));
        }
        return all.toString();
    }

    /** The image-status topic this process reads. */
    String topic() {
        return topic;
    }

    /** Starts the process (on the same database as any previous one) and waits until it is ready. */
    void start() throws IOException, InterruptedException {
        port = freePort();
        Path log = workDir.resolve("run-" + started.size() + ".log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dtaleforge.data=" + workDir,
                "-Dkafka.bootstrap.servers=" + infra.kafkaBootstrapServers(),
                "-Dmp.messaging.incoming.image-status.topic=" + topic,
                "-Dmp.messaging.incoming.image-status.group.id=" + topic,
                "-Dmp.messaging.incoming.image-status.dead-letter-queue.topic=" + topic + ".dlq"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(process);
        org.awaitility.Awaitility.await("approval-service ready (log " + log + ")")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("approval-service exited: see " + log);
                    }
                    return ready();
                });
    }

    /** kill -9: no shutdown hook, nothing flushed or acknowledged on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    private boolean ready() {
        try {
            return send(HttpRequest.newBuilder(uri("/q/health/ready")).GET()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
            admin.deleteTopics(List.of(topic, topic + ".dlq")).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: a private topic left behind harms nobody
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
