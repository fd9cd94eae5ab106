package io.taleforge.image.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.taleforge.contracts.SceneApproved;

/**
 * A scene-approved value that does not parse reaches the consumer as a null payload with the
 * reason and the original bytes in headers, so the consumer skips it (journal row, reason) and
 * dead-letters it itself, as any other invalid record. Without this handler the connector would
 * dead-letter it before the consumer sees it. The dead-letter producer writes the original bytes.
 */
@ApplicationScoped
@Identifier(UnreadableSceneApproved.NAME)
public class UnreadableSceneApproved implements DeserializationFailureHandler<SceneApproved> {

    public static final String NAME = "unreadable-scene-approved";

    @Override
    public SceneApproved decorateDeserialization(Uni<SceneApproved> deserialization, String topic, boolean isKey,
            String deserializer, byte[] data, Headers headers) {
        return deserialization.onFailure().recoverWithItem(failure -> {
            if (headers != null) {
                headers.add(DESERIALIZATION_FAILURE_DESERIALIZER, bytes(deserializer));
                headers.add(DESERIALIZATION_FAILURE_REASON, bytes(String.valueOf(failure.getMessage())));
                if (data != null) {
                    headers.add(DESERIALIZATION_FAILURE_VALUE_DATA, data);
                    headers.add(DESERIALIZATION_FAILURE_DATA, data);
                }
            }
            return null;
        }).await().indefinitely();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
