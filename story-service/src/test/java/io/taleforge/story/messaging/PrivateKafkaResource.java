package io.taleforge.story.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.taleforge.infra.LocalInfra;
import io.taleforge.testing.RealInfra;

/**
 * A Kafka broker of its own for tests that stop and restart it: started on free ports (never the
 * shared 9092), its data in a fresh folder, stopped and deleted when the application stops.
 * Redis is not started: story-service does not use it.
 */
public class PrivateKafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalInfra infra;
    private Path dir;

    /** The running private broker (only while the test application runs). */
    public static LocalInfra infra() {
        return infra;
    }

    @Override
    public Map<String, String> start() {
        int kafkaPort = freePortPair();
        dir = RealInfra.root().resolve("data").resolve("test")
                .resolve("story-private-kafka-" + ProcessHandle.current().pid() + "-" + kafkaPort);
        LocalInfra started = new LocalInfra(dir, kafkaPort, freePortPair());
        if (!started.startKafka()) {
            throw new IllegalStateException("port " + kafkaPort + " was taken before the private broker started");
        }
        infra = started;
        return Map.of("kafka.bootstrap.servers", started.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.stopKafka();
            infra = null;
        }
        deleteTree(dir);
    }

    /** A port that is free together with the next one (the broker's controller listens on port + 1). */
    static int freePortPair() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket first = new ServerSocket(0)) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1)) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free pair of ports found");
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
