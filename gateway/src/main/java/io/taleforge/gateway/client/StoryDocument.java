package io.taleforge.gateway.client;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.taleforge.contracts.StoryStatus;

/**
 * What story-service answers for {@code GET /stories/{id}}: the fields the gateway reads;
 * {@code portrait} is the hero's portrait (picture 0), null before the scenes are approved.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoryDocument(String id, String title, String status, String createdAt, String updatedAt,
        List<Scene> scenes, Hero hero, Map<String, Object> answers, Scene portrait, Integer place, String writingNote) {

    /** The hero's portrait (when the scenes are approved) and the scenes, by number: every picture of the story. */
    public List<Scene> pictures() {
        List<Scene> pictures = new java.util.ArrayList<>(scenes == null ? List.of() : scenes);
        if (portrait != null) {
            pictures.add(portrait);
        }
        pictures.sort(java.util.Comparator.comparingInt(Scene::number));
        return pictures;
    }

    /**
     * {@code text} as it stands (edited or not), {@code writtenText} as the writer wrote it;
     * {@code refusal} when its latest attempt was rejected but not redrawn for the budget.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scene(int number, String stage, String text, String prompt, Integer attempt,
            Boolean placeholder, String writtenText, StoryStatus.Refusal refusal) {

        public Scene(int number, String stage, String text, String prompt, Integer attempt, Boolean placeholder,
                String writtenText) {
            this(number, stage, text, prompt, attempt, placeholder, writtenText, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hero(String species, String name, String trait) {
    }
}
