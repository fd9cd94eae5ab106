package io.taleforge.contracts;

import java.time.Duration;
import java.util.Map;

/**
 * The declared shape of one Kafka topic: its partitions, how long records are kept and its
 * cleanup policy. The replication factor is not declared here: it belongs to the deployment
 * ({@code TALEFORGE_KAFKA_REPLICATION_FACTOR}), since one local broker and a three-broker
 * cluster run the same declarations.
 */
public record TopicSpec(String name, int partitions, Duration retention, String cleanupPolicy) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("topic " + name + ": retention must be positive");
        }
    }

    /** The same shape under another name (tests and the benchmark use private topics). */
    public TopicSpec named(String otherName) {
        return new TopicSpec(otherName, partitions, retention, cleanupPolicy);
    }

    /** The topic-level configuration Kafka is given when the topic is created. */
    public Map<String, String> configs() {
        return Map.of("retention.ms", Long.toString(retention.toMillis()), "cleanup.policy", cleanupPolicy);
    }
}
