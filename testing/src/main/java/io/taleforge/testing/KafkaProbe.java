package io.taleforge.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.taleforge.contracts.EventTypes;

/**
 * A plain Kafka client for tests: publishes CloudEvents in binary mode exactly as the services
 * do, and records what arrives on the topics it watches (from the end of each partition at the
 * time it was opened), so a test can await what a service sent.
 */
public final class KafkaProbe implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** One received record: key, JSON value and headers (as strings). */
    public record Received(String topic, int partition, long offset, String key, String value,
            Map<String, String> headers) {

        public <T> T as(Class<T> type) {
            try {
                return JSON.readValue(value, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not a " + type.getSimpleName() + ": " + value, e);
            }
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaProbe(String bootstrap, String... topics) {
        this(false, Map.of(), bootstrap, topics);
    }

    /** A probe that also sees what the topics held before it was opened (a test of what a service did at start). */
    public static KafkaProbe fromBeginning(String bootstrap, String... topics) {
        return new KafkaProbe(true, Map.of(), bootstrap, topics);
    }

    /** A probe whose producer has more settings, e.g. a service's {@code partitioner.class} (to publish as it does). */
    public static KafkaProbe withProducer(Map<String, String> producerSettings, String bootstrap, String... topics) {
        return new KafkaProbe(false, producerSettings, bootstrap, topics);
    }

    private KafkaProbe(boolean fromBeginning, Map<String, String> producerSettings, String bootstrap, String... topics) {
        this.bootstrap = bootstrap;
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.putAll(producerSettings);
        this.producer = new KafkaProducer<>(producerProps);
        KafkaConsumer<String, String> consumer = consumer();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = Awaitility.await("metadata of " + topic).atMost(Duration.ofSeconds(30))
                    .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5)), p -> p != null && !p.isEmpty());
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // fix the start positions now, before the test acts
        this.poller = new Thread(() -> poll(consumer), "kafka-probe");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private void poll(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    received.add(new Received(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers));
                }
            }
        }
    }

    /** Publishes {@code data} to {@code topic} as a CloudEvent in binary mode, keyed by story id. */
    public String send(String topic, String storyId, Object data) {
        String id = UUID.randomUUID().toString();
        send(topic, storyId, data, id);
        return id;
    }

    /** Same, with a chosen CloudEvent id (to simulate a redelivery, send the same id twice). */
    public void send(String topic, String storyId, Object data, String ceId) {
        send(topic, storyId, data, ceId, Map.of());
    }

    /** Same, with more headers (a {@code traceparent}, as a traced producer adds). */
    public void send(String topic, String storyId, Object data, String ceId, Map<String, String> moreHeaders) {
        publish(topic, storyId, data, ceId, moreHeaders);
    }

    /** Publishes as {@link #send(String, String, Object)} does; the partition the producer placed it on. */
    public int sendToPartition(String topic, String key, Object data) {
        return publish(topic, key, data, UUID.randomUUID().toString(), Map.of());
    }

    private int publish(String topic, String storyId, Object data, String ceId, Map<String, String> moreHeaders) {
        try {
            return producer.send(record(topic, storyId, data, ceId, moreHeaders)).get().partition();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /**
     * Publishes every {@code (storyId, data)} pair to {@code topic} as above without waiting for each
     * one (the producer batches them), then waits until the broker has them all: a pile of records
     * as an outage leaves behind, published in a moment instead of one round trip each.
     */
    public void sendAll(String topic, List<Map.Entry<String, Object>> keyed) {
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, Object> entry : keyed) {
                sent.add(producer.send(record(topic, entry.getKey(), entry.getValue(), UUID.randomUUID().toString(),
                        Map.of())));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static ProducerRecord<String, String> record(String topic, String storyId, Object data, String ceId,
            Map<String, String> moreHeaders) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, storyId, JSON.writeValueAsString(data));
        moreHeaders.forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(ceId));
        record.headers().add("ce_source", bytes("/taleforge/test"));
        record.headers().add("ce_type", bytes(EventTypes.BY_TOPIC.getOrDefault(topic, "io.taleforge.test")));
        record.headers().add("ce_time", bytes(Instant.now().toString()));
        record.headers().add("content-type", bytes(EventTypes.CONTENT_TYPE));
        record.headers().add("ce_datacontenttype", bytes(EventTypes.CONTENT_TYPE));
        return record;
    }

    /** Everything received so far on {@code topic}, in arrival order. */
    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).collect(Collectors.toList());
    }

    /** Waits until at least {@code count} records on {@code topic} match, and returns the matches. */
    public List<Received> await(String topic, Predicate<Received> match, int count, Duration timeout) {
        return Awaitility.await(count + " records on " + topic).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> on(topic).stream().filter(match).collect(Collectors.toList()), l -> l.size() >= count);
    }

    /** Records on {@code topic} of a story: keyed by its id, or by a key under it ({@code <storyId>/<scene>}). */
    public List<Received> forStory(String topic, String storyId) {
        return on(topic).stream().filter(ofStory(storyId)).collect(Collectors.toList());
    }

    /** Matches a story's records: keyed by its id, or by a key under it ({@code <storyId>/<scene>}). */
    public static Predicate<Received> ofStory(String storyId) {
        return r -> r.key() != null && (r.key().equals(storyId) || r.key().startsWith(storyId + "/"));
    }

    /** Deletes a test's private topics, best effort: a private topic left behind harms nobody. */
    public static void deleteTopics(String bootstrap, String... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topics)).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(5));
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
