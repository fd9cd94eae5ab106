package io.taleforge.gateway.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What story-service answers for {@code GET /stories/{id}}: the fields the gateway reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoryDocument(String id, String title, String status, String createdAt, String updatedAt,
        List<Scene> scenes) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scene(int number, String stage, String text, String prompt, Integer attempt,
            Boolean placeholder) {
    }
}
