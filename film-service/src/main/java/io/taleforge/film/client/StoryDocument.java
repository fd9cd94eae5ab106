package io.taleforge.film.client;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What story-service answers for {@code GET /stories/{id}} (internal, no owner): the fields the film reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoryDocument(String id, String title, List<Scene> scenes) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scene(int number, String text) {
    }

    /** The text of scene {@code number}, when the story has it. */
    public Optional<String> text(int number) {
        return scenes == null ? Optional.empty()
                : scenes.stream().filter(s -> s.number() == number).map(Scene::text).findFirst();
    }
}
