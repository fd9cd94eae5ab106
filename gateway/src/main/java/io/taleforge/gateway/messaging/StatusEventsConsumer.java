package io.taleforge.gateway.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.taleforge.contracts.Topics;
import io.taleforge.gateway.service.EventBuffer;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.StreamId;

/**
 * Consumes the status topics (story, scene written, image, approval, film) in one stable consumer group shared by every gateway
 * instance, appends each event once to its story's Redis stream and wakes the browsers of that
 * story on this instance (the Pub/Sub wake-up of the same append is then free: the story's channel
 * has read that far already). A record is acknowledged (its offset committed) only after the append,
 * so a gateway that stops or dies leaves its uncommitted records to the next owner of the
 * partition; the append is idempotent, so such a redelivery adds nothing twice.
 */
@ApplicationScoped
public class StatusEventsConsumer {

    public static final String STORY = "story";
    public static final String IMAGE = "image";
    public static final String APPROVAL = "approval";
    public static final String ALL_APPROVED = "all-approved";
    public static final String FILM = "film";
    public static final String SCENE = "scene";
    /** A rejected picture not redrawn for the budget ({@code story-status} REGENERATION_REFUSED). */
    public static final String REFUSED = "refused";

    private static final Duration RETRY_FIRST = Duration.ofMillis(100);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final EventBuffer buffer;
    private final EventFeed feed;
    private final ObjectMapper json;

    public StatusEventsConsumer(EventBuffer buffer, EventFeed feed, ObjectMapper json) {
        this.buffer = buffer;
        this.feed = feed;
        this.json = json;
    }

    /** The story's status: event {@code story}; a picture not redrawn for the budget: event {@code refused}. */
    @Incoming(Topics.STORY_STATUS)
    public Uni<Void> story(Message<String> message) {
        return handle(message, data -> data.hasNonNull("refusal") ? REFUSED : STORY);
    }

    /** A scene of a story being written, stored the moment the writer completed it: event {@code scene}. */
    @Incoming(Topics.SCENE_WRITTEN)
    public Uni<Void> scene(Message<String> message) {
        return handle(message, data -> SCENE);
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

    private Uni<Void> handle(Message<String> message, Function<JsonNode, String> eventName) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = kafka.map(k -> k.getTopic() + "-" + k.getPartition() + "@" + k.getOffset())
                .orElseGet(() -> UUID.randomUUID().toString());
        JsonNode data = parse(message.getPayload(), where);
        String storyId = data == null ? null : data.path("storyId").asText(null);
        if (storyId == null || storyId.isBlank()) {
            Log.warnf("event skipped, not JSON with a storyId at %s", where);
            return ack(message);
        }
        String event = eventName.apply(data);
        String topic = kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(event);
        String eventId = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getId)
                .orElse(where);
        String slot = slot(topic, data);
        EventBuffer.AppendKey at = new EventBuffer.AppendKey(where, eventId, slot);
        // the offset is committed only once the event is in Redis: while Redis refuses, this
        // partition waits (its browsers still get the state from GET /api/stories/{id})
        return buffer.append(storyId, at, event, data.toString())
                .onFailure().invoke(failure -> Log.warnf("event not yet buffered (Redis) storyId=%s event=%s id=%s: %s",
                        storyId, event, eventId, failure.getMessage()))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely()
                .invoke(entry -> {
                    Log.debugf("event buffered storyId=%s scene=%s attempt=%s event=%s id=%s entry=%s", storyId,
                            data.path("sceneNumber").asText("-"), data.path("attempt").asText("-"), event, eventId,
                            entry.orElse("duplicate"));
                    // a duplicate added nothing; a new entry is read once by this story's channel here
                    entry.flatMap(StreamId::parse).ifPresent(id -> feed.wake(storyId, id));
                })
                .chain(() -> ack(message));
    }

    /** What the event is the state of: a scene's picture ({@code image-status:7}), a refusal of one, or the story. */
    private static String slot(String topic, JsonNode data) {
        if (data.has("sceneNumber")) {
            return topic + ":" + data.path("sceneNumber").asText();
        }
        JsonNode refusal = data.path("refusal");
        return refusal.isObject() ? topic + ":" + REFUSED + ":" + refusal.path("sceneNumber").asText() : topic;
    }

    private JsonNode parse(String payload, String where) {
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            Log.warnf("event not JSON at %s: %s", where, e.getMessage());
            return null;
        }
    }

    private static Uni<Void> ack(Message<String> message) {
        return Uni.createFrom().completionStage(message::ack);
    }
}
