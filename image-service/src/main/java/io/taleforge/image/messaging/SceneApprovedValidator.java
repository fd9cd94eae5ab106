package io.taleforge.image.messaging;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.taleforge.commons.messaging.RecordChecks;
import io.taleforge.contracts.SceneApproved;

/**
 * What is wrong with a scene-approved record, checked before admission; null when nothing is. The
 * checks every consumer shares (a value at all, story id, scene, attempt) are service-commons'
 * {@link RecordChecks}; the prompt is this record's own.
 */
public final class SceneApprovedValidator {

    private SceneApprovedValidator() {
    }

    /** The reason {@code message} cannot be admitted, naming the field; null when it is valid. */
    public static String problem(Message<SceneApproved> message) {
        return RecordChecks.missingValue(message, "scene-approved")
                .or(() -> problem(message.getPayload()))
                .orElse(null);
    }

    static Optional<String> problem(SceneApproved e) {
        return RecordChecks.pictureAttempt(e.storyId(), e.sceneNumber(), e.attempt())
                .or(() -> e.prompt() == null || e.prompt().isBlank() ? Optional.of("prompt is empty") : Optional.empty());
    }
}
