package io.taleforge.gateway.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.taleforge.contracts.Topics;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.gateway.service.EventBuffer;
import io.taleforge.gateway.service.EventFeed;

/**
 * Consumes the four status topics (consumer groups unique to this instance, so every instance
 * sees every event), appends each Kafka record once to its story's Redis stream and wakes the browsers
 * of that story. The replay buffer is what may be lost: if Redis refuses an append after a few
 * attempts the event is logged and skipped (the browser still gets the state from
 * {@code GET /api/stories/{id}}), so one Redis hiccup never stalls the topics.
 */
@ApplicationScoped
public class StatusEventsConsumer {

    public static final String STORY = "story";
    public static final String IMAGE = "image";
    public static final String APPROVAL = "approval";
    public static final String ALL_APPROVED = "all-approved";
    public static final String FILM = "film";

    private final EventBuffer buffer;
    private final EventFeed feed;
    private final ObjectMapper json;
    private final GatewayConfig config;

    public StatusEventsConsumer(EventBuffer buffer, EventFeed feed, ObjectMapper json, GatewayConfig config) {
        this.buffer = buffer;
        this.feed = feed;
        this.json = json;
        this.config = config;
    }

    @Incoming(Topics.STORY_STATUS)
    public Uni<Void> story(Message<String> message) {
        return handle(message, data -> STORY);
    }

    @Incoming(Topics.IMAGE_STATUS)
    public Uni<Void> image(Message<String> message) {
        return handle(message, data -> IMAGE);
    }

    @Incoming(Topics.APPROVAL_STATUS)
    public Uni<Void> approval(Message<String> message) {
        return handle(message, data -> data.path("allApproved").asBoolean(false) ? ALL_APPROVED : APPROVAL);
    }

    @Incoming(Topics.FILM_STATUS)
    public Uni<Void> film(Message<String> message) {
        return handle(message, data -> FILM);
    }

    private Uni<Void> handle(Message<String> message, java.util.function.Function<JsonNode, String> eventName) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = kafka.map(k -> k.getTopic() + "-" + k.getPartition() + "@" + k.getOffset()).orElse("?");
        JsonNode data;
        try {
            data = json.readTree(message.getPayload());
        } catch (Exception e) {
            Log.warnf("event skipped, not JSON at %s: %s", where, e.getMessage());
            return ack(message);
        }
        String storyId = data == null ? null : data.path("storyId").asText(null);
        if (storyId == null || storyId.isBlank()) {
            Log.warnf("event skipped, no storyId at %s", where);
            return ack(message);
        }
        String event = eventName.apply(data);
        // one Kafka record = one entry: every instance reads the same log, so the record's
        // coordinates name it identically everywhere. Not the CloudEvent id: image-service gives a
        // final status a stable id, and a READY that comes again after a GENERATING must not be
        // dropped, or the browser would be left with the older state.
        String eventId = kafka.isPresent() ? where : UUID.randomUUID().toString();
        String finalEventId = eventId;
        return buffer.append(storyId, eventId, event, data.toString())
                .onFailure().retry().withBackOff(Duration.ofMillis(100)).atMost(Math.max(0, config.events().appendAttempts() - 1))
                .invoke(entry -> {
                    if (entry.isPresent()) {
                        Log.debugf("event buffered storyId=%s scene=%s attempt=%s event=%s entry=%s", storyId,
                                data.path("sceneNumber").asText("-"), data.path("attempt").asText("-"), event,
                                entry.get());
                    }
                    feed.wake(storyId);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf("event not buffered (Redis) storyId=%s event=%s id=%s: %s", storyId, event,
                            finalEventId, failure.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .chain(() -> ack(message));
    }

    private static Uni<Void> ack(Message<String> message) {
        return Uni.createFrom().completionStage(message::ack);
    }
}
