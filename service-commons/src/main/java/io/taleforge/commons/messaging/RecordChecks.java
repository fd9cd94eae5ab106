package io.taleforge.commons.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.taleforge.contracts.Pictures;

/**
 * What a consumer checks on a typed record before it admits it, written once: each check answers
 * the problem, naming the field, or empty when there is none. A record with a problem is
 * dead-lettered at once with it as the reason, never retried and never acknowledged silently.
 */
public final class RecordChecks {

    private RecordChecks() {
    }

    /**
     * The problem of a record whose value did not become {@code contract}: an empty value, or an
     * unreadable one that a deserialization-failure handler let through (the parser's reason from
     * the headers; without such a handler the connector dead-letters it itself); empty when the
     * record has a value.
     */
    public static Optional<String> missingValue(Message<?> message, String contract) {
        if (message.getPayload() != null) {
            return Optional.empty();
        }
        String why = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .orElse("empty value");
        return Optional.of("the record has no " + contract + " value: " + why);
    }

    /** The problem of a record that names a scene's attempt: a story id that is a UUID, a scene of 1..{@code scenes}, an attempt of 1 or more. */
    public static Optional<String> sceneAttempt(String storyId, int sceneNumber, int attempt, int scenes) {
        return numberedAttempt(storyId, sceneNumber, 1, scenes, attempt);
    }

    /**
     * The problem of a record that names a picture's attempt: a story id that is a UUID, a picture
     * of 0 (the hero's portrait) to {@link Pictures#SCENES}, an attempt of 1 or more.
     */
    public static Optional<String> pictureAttempt(String storyId, int sceneNumber, int attempt) {
        return numberedAttempt(storyId, sceneNumber, Pictures.PORTRAIT, Pictures.SCENES, attempt);
    }

    private static Optional<String> numberedAttempt(String storyId, int sceneNumber, int first, int last, int attempt) {
        if (storyId == null || !isUuid(storyId)) {
            return Optional.of("storyId is not a UUID: " + storyId);
        }
        if (sceneNumber < first || sceneNumber > last) {
            return Optional.of("sceneNumber must be from %d to %d, not %d".formatted(first, last, sceneNumber));
        }
        if (attempt < 1) {
            return Optional.of("attempt must be 1 or more, not " + attempt);
        }
        return Optional.empty();
    }

    private static boolean isUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
