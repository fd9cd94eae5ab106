package io.taleforge.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts, checks and stops the real local infrastructure: a Kafka broker (KRaft) and Redis.
 *
 * <p>Command line: {@code start | stop | status} with the data directory from
 * {@code -Dtaleforge.data} (default {@code ./data}). Starting is idempotent: whatever already
 * answers on a port is reused. Stopping ends only the processes this launcher started.
 *
 * <p>Ports: {@code TALEFORGE_KAFKA_PORT} (9092, controller on port + 1) and
 * {@code TALEFORGE_REDIS_PORT} (6379), as environment variables or system properties.
 */
public final class LocalInfra {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REDIS_PORT = 6379;

    private final KafkaBroker kafka;
    private final RedisServer redis;

    public LocalInfra(Path dataDir, int kafkaPort, int redisPort) {
        this.kafka = new KafkaBroker(kafkaPort, kafkaPort + 1, dataDir.resolve("kafka"));
        this.redis = new RedisServer(redisPort, dataDir.resolve("redis"));
    }

    /** The infrastructure on the configured (or default) ports under the given data directory. */
    public static LocalInfra configured(Path dataDir) {
        return new LocalInfra(dataDir, setting("TALEFORGE_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                setting("TALEFORGE_REDIS_PORT", DEFAULT_REDIS_PORT));
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafka.port;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redis.port;
    }

    public int kafkaPort() {
        return kafka.port;
    }

    public int redisPort() {
        return redis.port;
    }

    /** Starts the broker; true when this call started it, false when one already answered. */
    public boolean startKafka() {
        return run(() -> kafka.start(Duration.ofSeconds(60)));
    }

    /** Starts Redis; true when this call started it, false when one already answered. */
    public boolean startRedis() {
        return run(() -> redis.start(Duration.ofSeconds(20)));
    }

    /** Stops the broker if this launcher (in any JVM) started it. */
    public boolean stopKafka() {
        return run(() -> kafka.stop(Duration.ofSeconds(30)));
    }

    /** Stops Redis if this launcher (in any JVM) started it. */
    public boolean stopRedis() {
        return run(() -> redis.stop(Duration.ofSeconds(10)));
    }

    public boolean kafkaAnswers() {
        return kafka.answers();
    }

    public boolean redisAnswers() {
        return redis.answers();
    }

    public List<String> status() {
        return run(() -> List.of(kafka.status(), redis.status()));
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "status" : args[0];
        Path data = Path.of(System.getProperty("taleforge.data", "data")).toAbsolutePath();
        LocalInfra infra = configured(data);
        switch (command) {
            case "start" -> {
                boolean startedKafka = infra.startKafka();
                boolean startedRedis = infra.startRedis();
                System.out.println("kafka " + (startedKafka ? "started" : "reused") + " at "
                        + infra.kafkaBootstrapServers());
                System.out.println("redis " + (startedRedis ? "started" : "reused") + " at " + infra.redisUrl());
            }
            case "stop" -> {
                System.out.println("kafka " + (infra.stopKafka() ? "stopped" : "not ours, left alone"));
                System.out.println("redis " + (infra.stopRedis() ? "stopped" : "not ours, left alone"));
            }
            case "status" -> infra.status().forEach(System.out::println);
            default -> {
                System.err.println("usage: LocalInfra start|stop|status");
                System.exit(2);
            }
        }
    }

    static int setting(String name, int fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static <T> T run(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
