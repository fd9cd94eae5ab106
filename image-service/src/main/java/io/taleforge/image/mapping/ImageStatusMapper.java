package io.taleforge.image.mapping;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.taleforge.contracts.ImageStatus;
import io.taleforge.image.model.ImageJob;

/** Turns a job into the image-status event and into the REST view. */
public final class ImageStatusMapper {

    private ImageStatusMapper() {
    }

    /** The REST view of one job ({@code GET /images/{storyId}}). */
    /** One job (attempt) of a story, with the prompt it was asked to draw. */
    public record ImageView(int sceneNumber, int attempt, ImageStatus.Status status, String imageUrl, String provider,
            String model, Long durationMs, ImageStatus.ImageError error, Instant updatedAt, String prompt) {
    }

    public static ImageView view(ImageJob job) {
        return new ImageView(job.sceneNumber, job.attempt, job.status, job.imageUrl, job.provider, job.model,
                job.durationMs, error(job), job.updatedAt, job.prompt);
    }

    /** The event of the job's current status. */
    public static ImageStatus status(ImageJob job, Instant at) {
        return status(job, at, null);
    }

    /** The event of the job's current status, with what the attempt's calls cost (null: not priced). */
    public static ImageStatus status(ImageJob job, Instant at, BigDecimal costUsd) {
        boolean ready = job.status == ImageStatus.Status.READY;
        return new ImageStatus(job.storyId.toString(), job.sceneNumber, job.attempt, job.status,
                ready ? job.imageUrl : null, job.provider, job.model, ready ? job.durationMs : null, error(job), at,
                costUsd);
    }

    /**
     * The CloudEvent id of a final status: derived from the attempt and the status, so that a
     * final status re-emitted after a redelivery carries the same id and consumers dedupe it.
     */
    public static String finalEventId(String storyId, int sceneNumber, int attempt, ImageStatus.Status status) {
        return UUID.nameUUIDFromBytes(("image-status/" + storyId + "/" + sceneNumber + "/" + attempt + "/" + status)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ImageStatus.ImageError error(ImageJob job) {
        return job.errorCode == null ? null : new ImageStatus.ImageError(job.errorCode, job.errorMessage);
    }
}
