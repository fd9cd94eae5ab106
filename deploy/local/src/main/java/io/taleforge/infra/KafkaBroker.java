package io.taleforge.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run
 * from the {@code org.apache.kafka:kafka_2.13} jars that Maven resolved for this module.
 */
final class KafkaBroker extends ManagedProcess {

    /** Partitions for topics the broker creates on first use; the services declare theirs too. */
    static final int DEFAULT_PARTITIONS = 12;

    private final int controllerPort;

    KafkaBroker(int port, int controllerPort, Path dataDir) {
        super("kafka", port, dataDir);
        this.controllerPort = controllerPort;
    }

    @Override
    boolean answers() {
        return portOpen(port);
    }

    @Override
    List<String> prepare() throws IOException {
        String classpath = resource("kafka.classpath");
        Path config = dataDir.resolve("server.properties");
        Path logs = dataDir.resolve("logs");
        Files.writeString(config, serverProperties(logs));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            try {
                format(classpath, config);
            } catch (IOException first) {
                // Once seen in CI without a cause on record: a half-written log folder is the one
                // state we can repair, so format once more from an empty one before giving up.
                System.err.println("kafka storage format failed, retrying on an empty log folder: "
                        + first.getMessage());
                deleteTree(logs);
                format(classpath, config);
            }
        }
        List<String> command = new ArrayList<>(jvm(classpath));
        command.add("kafka.Kafka");
        command.add(config.toString());
        return command;
    }

    /** A single-node KRaft broker and controller on loopback, its log under {@code logs}. */
    private String serverProperties(Path logs) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%s
                num.partitions=%d
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=12
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=24
                """.formatted(controllerPort, port, controllerPort, port, logs, DEFAULT_PARTITIONS);
    }

    private void format(String classpath, Path config) throws IOException {
        List<String> command = new ArrayList<>(jvm(classpath));
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", clusterId(), "-c", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("format.log").toFile()))
                .start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("formatting the Kafka storage failed (exit " + exit + "); "
                        + dataDir.resolve("format.log") + " ends with: " + tail(dataDir.resolve("format.log"), 15));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while formatting the Kafka storage", e);
        }
    }

    /** The last lines of a log, so that a failure message carries its cause into CI output. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private List<String> jvm(String classpath) {
        return List.of(javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                // slf4j-simple (on the classpath): warnings and errors only, with their time
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dkafka.logs.dir=" + dataDir.resolve("server-logs"),
                "-cp", classpath);
    }

    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (8 * (7 - i)));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (8 * (7 - i)));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/taleforge-infra/" + name)) {
            if (in == null) {
                throw new IOException("missing /taleforge-infra/" + name + ": build deploy/local with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
