package io.taleforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import io.taleforge.infra.LocalInfra;

/**
 * The real Kafka broker and redis-server that every test in this JVM uses. Whatever already
 * answers on the ports (for example the stack of {@code ./taleforge up}, or
 * {@code deploy/local/infra start}) is reused and left running; what this JVM starts, it stops
 * when the JVM exits, and its data lives in a fresh folder under {@code data/test/}.
 */
public final class RealInfra {

    private static LocalInfra infra;

    private RealInfra() {
    }

    public static synchronized LocalInfra get() {
        if (infra == null) {
            Path dir = root().resolve("data").resolve("test").resolve("jvm-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
            LocalInfra started = LocalInfra.configured(dir);
            boolean kafka = started.startKafka();
            boolean redis = started.startRedis();
            if (kafka || redis) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    if (kafka) {
                        started.stopKafka();
                    }
                    if (redis) {
                        started.stopRedis();
                    }
                    deleteTree(dir);
                }, "taleforge-test-infra-stop"));
            }
            infra = started;
        }
        return infra;
    }

    /** The repository root: Maven passes it to Surefire; otherwise the nearest folder with mvnw. */
    public static Path root() {
        String configured = System.getProperty("taleforge.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
