package io.taleforge.story.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.SceneWritten;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.rest.StoryViews.Hero;
import io.taleforge.story.rest.StoryViews.SceneView;
import io.taleforge.story.rest.StoryViews.StorySummary;
import io.taleforge.story.rest.StoryViews.StoryView;

/** Entities to API views and to the {@code contracts} events. */
@ApplicationScoped
public class StoryMapper {

    private static final TypeReference<Map<String, Object>> ANSWERS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public StoryMapper(ObjectMapper json) {
        this.json = json;
    }

    public StoryView view(Story story) {
        return view(story, null);
    }

    /** The story; {@code place} its place among the stories waiting to be written (null: not waiting). */
    public StoryView view(Story story, Integer place) {
        List<SceneView> scenes = story.scenes.stream().map(this::scene).toList();
        return new StoryView(story.id, story.title, story.status.name(), story.createdAt, story.updatedAt,
                hero(story), story.characterSheet, story.styleLine, scenes, answers(story),
                story.portrait().map(this::scene).orElse(null), story.portraitUrl, place, story.writingNote);
    }

    public StorySummary summary(Story story) {
        return new StorySummary(story.id, story.title, story.status.name(), story.createdAt, story.updatedAt,
                hero(story), story.characterSheet, story.styleLine);
    }

    public SceneView scene(Scene scene) {
        return new SceneView(scene.number, scene.stage, scene.text, scene.prompt, scene.attempt, scene.placeholder,
                scene.writtenText == null ? scene.text : scene.writtenText, scene.refusal());
    }

    /** The stored answers (validated JSON, written by this service) as an object. */
    private Map<String, Object> answers(Story story) {
        try {
            return json.readValue(story.answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers of story " + story.id + " are not JSON", e);
        }
    }

    public StoryStatus status(Story story) {
        return new StoryStatus(story.id.toString(), story.status, story.title);
    }

    /** A rejected picture not redrawn: the story keeps its status, the event says which picture and why. */
    public StoryStatus refused(Story story, StoryStatus.Refusal refusal) {
        return new StoryStatus(story.id.toString(), StoryStatus.Status.REGENERATION_REFUSED, story.title, refusal);
    }

    /** A scene just stored by the background writer; {@code reason} why it is a placeholder (else null). */
    public SceneWritten sceneWritten(Scene scene, String reason) {
        return new SceneWritten(scene.story.id.toString(), scene.number, scene.stage, scene.text, scene.placeholder,
                scene.placeholder ? reason : null, scene.updatedAt);
    }

    /** A picture's attempt to draw; a scene's carries the approved portrait as its reference. */
    public SceneApproved sceneApproved(Story story, Scene scene, String imageSize) {
        return new SceneApproved(story.id.toString(), scene.number, scene.attempt, scene.prompt, story.styleLine,
                imageSize, Instant.now(), scene.isPortrait() ? null : story.portraitUrl);
    }

    private static Hero hero(Story story) {
        return new Hero(story.heroSpecies, story.heroName, story.heroTrait);
    }
}
