package io.taleforge.image.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.taleforge.contracts.SceneApproved;

/** What is wrong with a scene-approved record, checked before admission; null when nothing is. */
public final class SceneApprovedValidator {

    private SceneApprovedValidator() {
    }

    /** The reason {@code message} cannot be admitted, naming the field; null when it is valid. */
    public static String problem(Message<SceneApproved> message) {
        SceneApproved event = message.getPayload();
        return event == null ? "payload is not a scene-approved event: " + unreadable(message) : problem(event);
    }

    static String problem(SceneApproved e) {
        if (e.storyId() == null) {
            return "storyId is missing";
        }
        try {
            UUID.fromString(e.storyId());
        } catch (IllegalArgumentException ex) {
            return "storyId is not a UUID";
        }
        if (e.sceneNumber() < 1 || e.sceneNumber() > 20) {
            return "sceneNumber must be between 1 and 20";
        }
        if (e.attempt() < 1) {
            return "attempt must be 1 or more";
        }
        if (e.prompt() == null || e.prompt().isBlank()) {
            return "prompt is empty";
        }
        return null;
    }

    /** Why the value could not be read (the connector's deserialization-failure header), or that it was empty. */
    private static String unreadable(Message<SceneApproved> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .orElse("empty value");
    }
}
