package io.taleforge.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What film-service answers for a film: its state, counts and one entry per clip. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilmDocument(String storyId, String state, int readyCount, int failedCount, int total,
        List<Clip> clips) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clip(int sceneNumber, int attempt, String state, String mediaUrl, Long durationMs,
            String provider, String model, ImageJob.Error error) {
    }
}
