package io.taleforge.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One image job (scene, attempt) as image-service lists it in {@code GET /images/{storyId}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageJob(int sceneNumber, int attempt, String status, String imageUrl, String provider,
        String model, Long durationMs, Error error, String updatedAt, String prompt) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String code, String message) {
    }
}
