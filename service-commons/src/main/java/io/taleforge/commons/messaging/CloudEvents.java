package io.taleforge.commons.messaging;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * Builds and reads CloudEvents 1.0 in Kafka binary mode. Outgoing messages carry their
 * CloudEvent id, type and source as {@code ce_*} headers (the connector writes them) and are
 * keyed by story id so one story's events stay in order on one partition.
 */
public final class CloudEvents {

    private CloudEvents() {
    }

    /** A message for {@code data}, keyed by story id, with a fresh CloudEvent id. */
    public static <T> Message<T> message(String storyId, String type, String source, T data) {
        return message(storyId, type, source, data, UUID.randomUUID().toString());
    }

    /** Same with a chosen id: an outbox row republished after a crash keeps its id. */
    public static <T> Message<T> message(String storyId, String type, String source, T data, String id) {
        OutgoingCloudEventMetadata<T> ce = OutgoingCloudEventMetadata.<T>builder()
                .withId(id)
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(storyId)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(storyId)
                .build();
        return Message.of(data, Metadata.of(ce, kafka));
    }

    /**
     * The id a consumer dedupes on: the CloudEvent id, or topic/partition/offset for a message
     * that came without one (published by a tool that does not speak CloudEvents).
     */
    public static String idOf(Message<?> message) {
        Optional<String> ceId = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getId);
        if (ceId.isPresent()) {
            return ceId.get();
        }
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(k -> k.getTopic() + "/" + k.getPartition() + "/" + k.getOffset())
                .orElseThrow(() -> new IllegalArgumentException("message without CloudEvent id or Kafka position"));
    }

}
