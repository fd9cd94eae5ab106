package io.taleforge.image.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.PartitionInfo;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.taleforge.contracts.Topics;
import io.taleforge.image.limiter.RedisRateLimiter;

/**
 * Walks, at start and before the first record is admitted, the per-image paths that a fresh JVM
 * pays for on its first images: the job row's conditional updates and reload (Hibernate's query
 * plans, the connection pool, the transaction manager), the image-status producer's metadata and
 * the limiter's Redis connection. Writes nothing: every statement names a job id that does not
 * exist, and the limiter is only read.
 */
@ApplicationScoped
public class WarmUp {

    /** Rounds of the job statements: enough for their plans and connections, short enough for the start. */
    private static final int ROUNDS = 3;
    private static final Duration PRODUCER_WAIT = Duration.ofSeconds(5);

    /** What the last warm-up took (in all, and its database, Redis and Kafka steps) and whether the image-status producer then knew its partitions. */
    public record Report(long millis, long databaseMs, long redisMs, long kafkaMs, boolean producerReady) {
    }

    private final ImageJobService jobs;
    private final RedisRateLimiter limiter;
    private final GenerationService generation;
    private final KafkaClientService kafka;
    private volatile Report last;

    public WarmUp(ImageJobService jobs, RedisRateLimiter limiter, GenerationService generation,
            KafkaClientService kafka) {
        this.jobs = jobs;
        this.limiter = limiter;
        this.generation = generation;
        this.kafka = kafka;
    }

    /** Runs the warm-up; a step that fails is logged and skipped, never a reason not to start. */
    public Report run() {
        long start = System.nanoTime();
        long database = timed(this::jobStatements);
        long redis = timed(() -> limiter.state(generation.account()));
        long kafkaStart = System.nanoTime();
        boolean producerReady = producerMetadata();
        long kafka = Duration.ofNanos(System.nanoTime() - kafkaStart).toMillis();
        last = new Report(Duration.ofNanos(System.nanoTime() - start).toMillis(), database, redis, kafka, producerReady);
        Log.infof("warm-up done in %d ms (database %d ms, redis %d ms, kafka %d ms) producerReady=%s", last.millis(),
                database, redis, kafka, producerReady);
        return last;
    }

    private void jobStatements() {
        UUID nobody = UUID.randomUUID();
        for (int i = 0; i < ROUNDS; i++) {
            jobs.startGenerating(nobody, "warm-up", Instant.now());
            jobs.recordResult(nobody, "warm-up", 0, "", "", "", "", 0);
            jobs.finishReady(nobody, "warm-up");
        }
    }

    /** A step's time in ms; a step that fails is logged and skipped. */
    private static long timed(Runnable step) {
        long start = System.nanoTime();
        try {
            step.run();
        } catch (RuntimeException e) {
            Log.warnf("warm-up step failed: %s", e.getMessage());
        }
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** The last warm-up's report; null before the first. */
    public Report last() {
        return last;
    }

    private boolean producerMetadata() {
        try {
            KafkaProducer<Object, Object> producer = kafka.getProducer(Topics.IMAGE_STATUS);
            List<PartitionInfo> partitions = producer == null ? List.of()
                    : producer.partitionsFor(Topics.IMAGE_STATUS).await().atMost(PRODUCER_WAIT);
            return !partitions.isEmpty();
        } catch (RuntimeException e) {
            Log.warnf("warm-up: image-status producer metadata not fetched: %s", e.getMessage());
            return false;
        }
    }
}
