package io.taleforge.image.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.PartitionInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.messaging.CloudEvents;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.contracts.EventTypes;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.limiter.RedisRateLimiter;
import io.taleforge.image.model.ImageJob;
import io.taleforge.image.provider.ImageRequest;

/**
 * Walks, at start and before the first record is admitted, the per-image paths that a fresh JVM
 * pays for on its first images: the job row's conditional updates and reload (Hibernate's query
 * plans, the connection pool, the transaction manager), the first journal row's insert and close
 * and the attempt's cost sum, the pricing of a call, the prompt variants, the store's hashing and
 * file write (on a temporary file), the image-status event's building and JSON, the image-status producer's metadata and the limiter's Redis connection.
 * Writes nothing: every job statement names a job id that does not exist, the journal row is
 * rolled back ({@link Journal#warmUp}), the temporary file is deleted, the event is never sent,
 * and the limiter is only read.
 */
@ApplicationScoped
public class WarmUp {

    /** Rounds of the job statements: enough for their plans and connections, short enough for the start. */
    private static final int ROUNDS = 3;
    private static final Duration PRODUCER_WAIT = Duration.ofSeconds(5);
    private static final String WARM_UP = "warm-up";
    /** The size story-service asks for; a provider of fixed size prices its own. */
    private static final String SIZE = "1024x1024";

    /** What the last warm-up took (in all, and its database, journal, Redis and Kafka steps) and whether the image-status producer then knew its partitions. */
    public record Report(long millis, long databaseMs, long journalMs, long redisMs, long kafkaMs,
            boolean producerReady) {
    }

    private final ImageJobService jobs;
    private final RedisRateLimiter limiter;
    private final GenerationService generation;
    private final KafkaClientService kafka;
    private final Journal journal;
    private final ImageCosts costs;
    private final ObjectMapper json;
    private final int shortenedWords;
    private volatile Report last;

    public WarmUp(ImageJobService jobs, RedisRateLimiter limiter, GenerationService generation,
            KafkaClientService kafka, Journal journal, ImageCosts costs, ObjectMapper json, ImageConfig config) {
        this.jobs = jobs;
        this.limiter = limiter;
        this.generation = generation;
        this.kafka = kafka;
        this.journal = journal;
        this.costs = costs;
        this.json = json;
        this.shortenedWords = config.provider().shortenedWords();
    }

    /** Runs the warm-up; a step that fails is logged and skipped, never a reason not to start. */
    public Report run() {
        long start = System.nanoTime();
        long database = timed(this::jobStatements);
        long journalMs = timed(this::journalRows);
        timed(WarmUp::storeWrite);
        long redis = timed(() -> limiter.state(generation.account()));
        long kafkaStart = System.nanoTime();
        timed(this::statusEvent);
        boolean producerReady = producerMetadata();
        long kafka = Duration.ofNanos(System.nanoTime() - kafkaStart).toMillis();
        last = new Report(Duration.ofNanos(System.nanoTime() - start).toMillis(), database, journalMs, redis, kafka,
                producerReady);
        Log.infof("warm-up done in %d ms (database %d ms, journal %d ms, redis %d ms, kafka %d ms) producerReady=%s",
                last.millis(), database, journalMs, redis, kafka, producerReady);
        return last;
    }

    /** The job statements of one image, as the worker makes them (the result's inside a journal transaction). */
    private void jobStatements() {
        ImageJob nobody = new ImageJob();
        nobody.id = UUID.randomUUID();
        for (int i = 0; i < ROUNDS; i++) {
            jobs.startGenerating(nobody.id, WARM_UP, Instant.now());
            journal.successWith(UUID.randomUUID(), WARM_UP, WARM_UP, Duration.ZERO, null,
                    () -> jobs.keepReady(nobody, WARM_UP, 0, "", "", "", "", 0));
            jobs.finishReady(nobody.id, WARM_UP);
        }
    }

    /** A call's price, its prompt variants, and its journal row's insert and close (rolled back). */
    private void journalRows() {
        ImageRequest request = new ImageRequest(UUID.randomUUID().toString(), 1, 1, WARM_UP, null, SIZE);
        try {
            costs.estimate(request);
        } catch (UnpricedException e) {
            Log.warnf("warm-up: the call is not priced: %s", e.getMessage());
        }
        PromptSanitizer.shorten(PromptSanitizer.sanitize(WARM_UP), shortenedWords);
        for (int i = 0; i < ROUNDS; i++) {
            journal.warmUp(new Journal.Subject(GenerationService.OP_GENERATE, UUID.randomUUID(), 1, 1,
                    generation.provider().name(), generation.provider().model()));
        }
    }

    /**
     * What the local store does for an image (its key's SHA-256, a file written and moved into place),
     * on a file of the JVM's temporary folder that is deleted at once: the media folder is not touched.
     */
    private static void storeWrite() {
        try {
            byte[] bytes = WARM_UP.getBytes(StandardCharsets.UTF_8);
            MessageDigest.getInstance("SHA-256").digest(bytes);
            Path tmp = Files.createTempFile("taleforge-warm-up", ".tmp");
            Path moved = tmp.resolveSibling(tmp.getFileName() + ".moved");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, moved, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(moved);
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("store write not warmed: " + e.getMessage(), e);
        }
    }

    /** An image-status event built and written as JSON as the producer does, never sent. */
    private void statusEvent() {
        ImageStatus status = new ImageStatus(UUID.randomUUID().toString(), 1, 1, ImageStatus.Status.GENERATING, null,
                generation.provider().name(), generation.provider().model(), null, null, Instant.now());
        CloudEvents.message(status.storyId(), EventTypes.IMAGE_STATUS, EventTypes.SOURCE_IMAGE_SERVICE, status);
        try {
            json.writeValueAsBytes(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
