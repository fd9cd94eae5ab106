package io.taleforge.story.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of the story API (the internal REST contract). */
public final class StoryViews {

    private StoryViews() {
    }

    public record CreateStoryRequest(Map<String, Object> answers) {
    }

    public record EditSceneRequest(Object text) {
    }

    public record Hero(String species, String name, String trait) {
    }

    public record SceneView(int number, String stage, String text, String prompt, Integer attempt,
            boolean placeholder) {
    }

    public record StoryView(UUID id, String title, String status, Instant createdAt, Instant updatedAt, Hero hero,
            String characterSheet, String style, List<SceneView> scenes) {
    }

    public record StorySummary(UUID id, String title, String status, Instant createdAt, Instant updatedAt, Hero hero,
            String characterSheet, String style) {
    }

    public record StoryPage(List<StorySummary> items, UUID next) {
    }
}
