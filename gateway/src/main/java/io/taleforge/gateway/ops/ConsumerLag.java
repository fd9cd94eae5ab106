package io.taleforge.gateway.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;

/**
 * Kafka consumer lag per group and topic, read with the admin client: the end offset of each
 * partition a group has committed on, less its committed offset.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Admin admin;

    /** {@code kafka}: the application's Kafka settings ({@code kafka.*}); only the brokers' address is used. */
    public ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) WAIT.toMillis(), AdminClientConfig.CLIENT_ID_CONFIG, "gateway-ops-lag"));
    }

    /** One group's lag on one topic: records written but not yet committed by the group (topic null: none committed yet). */
    public record Lag(String group, String topic, long lag, int partitions) {
    }

    /** Every consumer group's lag per topic, by group then topic. */
    public List<Lag> all() {
        try {
            List<Lag> lags = new ArrayList<>();
            for (ConsumerGroupListing group : groups()) {
                lags.addAll(of(group.groupId()));
            }
            return lags;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not tell the consumer lag: " + e.getMessage(), e);
        }
    }

    private Collection<ConsumerGroupListing> groups() throws InterruptedException, ExecutionException,
            TimeoutException {
        return admin.listConsumerGroups().all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .sorted((a, b) -> a.groupId().compareTo(b.groupId())).toList();
    }

    private List<Lag> of(String group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        committed.values().removeIf(offset -> offset == null);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                .stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, long[]> byTopic = new TreeMap<>();
        committed.forEach((tp, offset) -> {
            long[] sum = byTopic.computeIfAbsent(tp.topic(), t -> new long[2]);
            sum[0] += Math.max(0, ends.get(tp).offset() - offset.offset());
            sum[1]++;
        });
        if (byTopic.isEmpty()) {
            return List.of(new Lag(group, null, 0, 0)); // the group is there, nothing committed yet
        }
        return byTopic.entrySet().stream().map(e -> new Lag(group, e.getKey(), e.getValue()[0], (int) e.getValue()[1]))
                .toList();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
