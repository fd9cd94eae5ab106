package io.taleforge.approval.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.PackagedService;

/**
 * approval-service as a real separate process (testing's {@link PackagedService} on the packaged
 * jar) against the real broker, with its H2 database file in a folder of its own that outlives
 * the process, so a test can kill it and start it again on the same data. It reads a private
 * image-status topic with a private consumer group (nothing of other runs to read through,
 * nothing taken from a running approval-service); it writes the shared output topics, keyed by
 * the test's story ids.
 */
final class ApprovalServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    private final PackagedService service;
    private final LocalInfra infra;
    private final String topic;

    ApprovalServiceProcess(LocalInfra infra, String name) {
        Path jar = PackagedService.packagedJar("approval-service.jar");
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path workDir = jar.getParent().getParent().resolve("it").resolve(run);
        this.infra = infra;
        this.topic = "image-status-" + run;
        this.service = new PackagedService("approval-service", jar).workDir(workDir).jvm("-XX:+UseSerialGC", "-Xmx256m")
                .set("taleforge.data", workDir)
                .set("kafka.bootstrap.servers", infra.kafkaBootstrapServers())
                .set("mp.messaging.incoming.image-status.topic", topic)
                .set("mp.messaging.incoming.image-status.group.id", topic)
                .set("mp.messaging.incoming.image-status.dead-letter-queue.topic", topic + ".dlq");
    }

    /** A setting ({@code -Dkey=value}) for every start after this call. */
    ApprovalServiceProcess set(String key, Object value) {
        service.set(key, value);
        return this;
    }

    /** Everything the process wrote, over all its starts. */
    String logs() {
        return service.logs();
    }

    /** The image-status topic this process reads. */
    String topic() {
        return topic;
    }

    /** Starts the process (on the same database as any previous one) and waits until it is ready. */
    void start() {
        service.start(READY_WITHIN);
    }

    /** kill -9: no shutdown hook, nothing flushed or acknowledged on the way out. */
    void kill() {
        service.kill();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return service.get(path);
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return service.post(path, json);
    }

    @Override
    public void close() {
        service.stop();
        KafkaProbe.deleteTopics(infra.kafkaBootstrapServers(), topic, topic + ".dlq");
    }

    /**
     * The state of picture {@code scene} of a story, found by its number ({@code scenes[]} lists
     * the hero's portrait, picture 0, first); "HTTP n" when the service does not answer 200.
     */
    String sceneState(String story, int scene) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/approvals/" + story);
        if (r.statusCode() != 200) {
            return "HTTP " + r.statusCode();
        }
        return scene(KafkaProbe.JSON.readTree(r.body()), scene).path("state").asText("absent");
    }

    /** Picture {@code number} of an approvals view, by its number; a missing node when it is not listed. */
    static JsonNode scene(JsonNode view, int number) {
        for (JsonNode scene : view.path("scenes")) {
            if (scene.path("sceneNumber").asInt(-1) == number) {
                return scene;
            }
        }
        return MissingNode.getInstance();
    }
}
