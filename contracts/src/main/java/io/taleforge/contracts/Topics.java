package io.taleforge.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Kafka topic names and their declared shape; tests and services reuse these constants. */
public final class Topics {

    public static final String SCENE_APPROVED = "scene-approved";
    public static final String IMAGE_STATUS = "image-status";
    public static final String IMAGE_REJECTED = "image-rejected";
    public static final String APPROVAL_STATUS = "approval-status";
    public static final String STORY_STATUS = "story-status";
    public static final String CLIP_REQUESTED = "clip-requested";
    public static final String FILM_STATUS = "film-status";
    public static final String SCENE_WRITTEN = "scene-written";

    /** Dead letters of a topic go to {@code <topic>.dlq}, with the failure in headers. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** The consumer group of image-service's workers (scale by adding instances). */
    public static final String IMAGE_WORKERS_GROUP = "image-workers";

    /** The consumer group of film-service's clip workers (scale by adding instances, on lag). */
    public static final String FILM_WORKERS_GROUP = "film-workers";

    /** Partitions of every topic: the upper bound of image workers that consume in parallel. */
    public static final int PARTITIONS = 12;

    public static final List<String> ALL = List.of(SCENE_APPROVED, IMAGE_STATUS, IMAGE_REJECTED,
            APPROVAL_STATUS, STORY_STATUS, CLIP_REQUESTED, FILM_STATUS, SCENE_WRITTEN);

    /** Events are work orders and notices, replayable for a week (an outage, a slow consumer). */
    public static final Duration RETENTION = Duration.ofDays(7);

    /** Dead letters wait a month for an operator to look at them. */
    public static final Duration DLQ_RETENTION = Duration.ofDays(30);

    /** The topics that have a dead-letter topic: each one some service consumes with a DLQ. */
    public static final List<String> WITH_DLQ = List.of(SCENE_APPROVED, IMAGE_STATUS, IMAGE_REJECTED,
            APPROVAL_STATUS, CLIP_REQUESTED, FILM_STATUS);

    /**
     * Every topic of the system with its partitions, retention and cleanup policy: the one place
     * they are declared. Every service creates the missing ones at start (service-commons TopicProvisioner), and
     * the AsyncAPI document's channel bindings are checked against this list.
     */
    public static final List<TopicSpec> SPECS = Stream.concat(
            ALL.stream().map(t -> new TopicSpec(t, PARTITIONS, RETENTION, "delete")),
            WITH_DLQ.stream().map(t -> new TopicSpec(dlq(t), PARTITIONS, DLQ_RETENTION, "delete"))).toList();

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The declaration of {@code topic}, if it is one of ours. */
    public static Optional<TopicSpec> spec(String topic) {
        return SPECS.stream().filter(s -> s.name().equals(topic)).findFirst();
    }
}
