package io.taleforge.commons.outbox;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Cluster;

import io.taleforge.contracts.Topics;

/**
 * The outbox producer's partitioner. Records of the spread topics ({@value #TOPICS}, by default
 * {@code scene-approved}) go round-robin over the topic's partitions (Kafka's own
 * {@link RoundRobinPartitioner}: one counter per topic, modulo the available partitions), so a
 * story's pictures land on consecutive partitions and every partition, hence every image worker,
 * gets its share: 120 pictures on 12 partitions are 10 each, where the key hash gave 5 to 19.
 * Every other topic keeps the producer's default placement, the murmur2 hash of the key
 * ({@link BuiltInPartitioner#partitionForKey}), so a story's statuses stay in order on one partition.
 * A record without a key (none of ours) goes round-robin too: a custom partitioner must name a partition.
 * Spread records of one key carry no order between them: each scene-approved attempt is its own job.
 */
public class SpreadPartitioner implements Partitioner {

    /** Producer setting: the comma-separated topics spread round-robin (default: scene-approved). */
    public static final String TOPICS = "taleforge.spread.topics";

    private final RoundRobinPartitioner roundRobin = new RoundRobinPartitioner();
    private Set<String> spread = Set.of(Topics.SCENE_APPROVED);

    @Override
    public void configure(Map<String, ?> configs) {
        Object topics = configs.get(TOPICS);
        if (topics != null) {
            spread = Arrays.stream(topics.toString().split(",")).map(String::trim).filter(t -> !t.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        roundRobin.configure(configs);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null || spread.contains(topic)) {
            return roundRobin.partition(topic, key, keyBytes, value, valueBytes, cluster);
        }
        return BuiltInPartitioner.partitionForKey(keyBytes, cluster.partitionsForTopic(topic).size());
    }

    @Override
    public void close() {
        roundRobin.close();
    }
}
