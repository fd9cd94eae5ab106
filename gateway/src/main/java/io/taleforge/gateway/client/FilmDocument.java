package io.taleforge.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What film-service answers for a film: its state, counts, one entry per clip and per narration,
 * and the assembled movie (null from a film-service that does not make one yet).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilmDocument(String storyId, String state, int readyCount, int failedCount, int total,
        List<Clip> clips, List<Clip> narrations, int narrationReadyCount, Movie movie) {

    /** A scene's clip or narration (the same shape: QUEUED, RENDERING/SPEAKING, READY with its media, FAILED). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Clip(int sceneNumber, int attempt, String state, String mediaUrl, Long durationMs,
            String provider, String model, ImageJob.Error error) {
    }

    /** The assembled movie: WAITING, ASSEMBLING, READY (with its files) or FAILED. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Movie(String state, int attempt, String mediaUrl, String subtitlesVttUrl, String subtitlesSrtUrl,
            Long durationMs, Long sizeBytes, ImageJob.Error error) {
    }
}
