package io.taleforge.contracts;

import java.util.List;

/** Kafka topic names and their declared shape; tests and services reuse these constants. */
public final class Topics {

    public static final String SCENE_APPROVED = "scene-approved";
    public static final String IMAGE_STATUS = "image-status";
    public static final String IMAGE_REJECTED = "image-rejected";
    public static final String APPROVAL_STATUS = "approval-status";
    public static final String STORY_STATUS = "story-status";

    /** Dead letters of a topic go to {@code <topic>.dlq}, with the failure in headers. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** The consumer group of image-service's workers (scale by adding instances). */
    public static final String IMAGE_WORKERS_GROUP = "image-workers";

    /** Partitions of every topic: the upper bound of image workers that consume in parallel. */
    public static final int PARTITIONS = 12;

    public static final List<String> ALL = List.of(SCENE_APPROVED, IMAGE_STATUS, IMAGE_REJECTED,
            APPROVAL_STATUS, STORY_STATUS);

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
