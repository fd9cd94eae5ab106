package io.taleforge.story.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.Topics;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter;

/**
 * Stories: create from quiz answers, read (owner-filtered), list, edit scenes, and approve the
 * scenes (prompts + 20 {@code scene-approved} outbox rows in one transaction). Every status change
 * also writes a {@code story-status} outbox row in the same transaction.
 */
@ApplicationScoped
public class StoryService {

    private final QuizService quiz;
    private final StoryBriefs briefs;
    private final SceneDrafting drafting;
    private final PromptComposer composer;
    private final Outbox outbox;
    private final StoryMapper mapper;
    private final StoryConfig config;
    private final ObjectMapper json;

    public StoryService(QuizService quiz, StoryBriefs briefs, SceneDrafting drafting, PromptComposer composer,
            Outbox outbox, StoryMapper mapper, StoryConfig config, ObjectMapper json) {
        this.quiz = quiz;
        this.briefs = briefs;
        this.drafting = drafting;
        this.composer = composer;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.json = json;
    }

    /** Validates the answers, drafts 20 scenes (outside any transaction: a writer may be slow) and stores them. */
    public UUID create(String owner, Map<String, Object> rawAnswers) {
        Answers answers = quiz.validate(rawAnswers);
        UUID id = UUID.randomUUID();
        StoryBrief brief = briefs.of(answers);
        SceneDrafting.Draft draft = drafting.draft(id, brief);
        QuarkusTransaction.requiringNew().run(() -> store(id, owner, answers, draft));
        Log.infof("story drafted story=%s writer=%s placeholders=%d", id, draft.provider(), draft.placeholders());
        return id;
    }

    private void store(UUID id, String owner, Answers answers, SceneDrafting.Draft draft) {
        Instant now = Instant.now();
        Story story = new Story();
        story.id = id;
        story.owner = owner;
        story.title = draft.title();
        story.status = StoryStatus.Status.DRAFTED;
        story.answers = toJson(answers.values());
        story.heroSpecies = answers.get(QuizService.HERO_SPECIES);
        story.heroName = answers.get(QuizService.HERO_NAME);
        story.heroTrait = answers.get(QuizService.HERO_TRAIT);
        story.writerProvider = draft.provider();
        story.writerModel = draft.model();
        story.createdAt = now;
        story.updatedAt = now;
        for (SceneDrafting.DraftScene drafted : draft.scenes()) {
            Scene scene = new Scene();
            scene.id = UUID.randomUUID();
            scene.story = story;
            scene.number = drafted.number();
            scene.stage = drafted.stage().slug();
            scene.text = drafted.text();
            scene.placeholder = drafted.placeholder();
            scene.updatedAt = now;
            story.scenes.add(scene);
        }
        story.persist();
        outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.status(story));
    }

    /** The story, if it exists and (when an owner is given) belongs to that owner; 404 otherwise. */
    @Transactional
    public Story get(UUID id, String owner) {
        Story story = owned(Story.<Story>findByIdOptional(id), id, owner);
        story.scenes.size();
        return story;
    }

    /** One page of stories, newest first, after the story {@code after} (exclusive); owner-filtered when given. */
    @Transactional
    public Page list(String owner, Integer limit, String after) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        if (size < 1 || size > config.paging().maxLimit()) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + config.paging().maxLimit());
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (owner != null) {
            query.append(" and owner = :owner");
            params.and("owner", owner);
        }
        if (after != null && !after.isBlank()) {
            Story cursor = parseId(after).flatMap(cursorId -> Story.<Story>findByIdOptional(cursorId))
                    .filter(s -> owner == null || s.owner.equals(owner))
                    .orElseThrow(() -> ProblemException.badRequest("after", "is not the id of a story in this list"));
            query.append(" and (createdAt < :cursorTime or (createdAt = :cursorTime and id < :cursorId))");
            params.and("cursorTime", cursor.createdAt).and("cursorId", cursor.id);
        }
        List<Story> rows = Story.<Story>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .page(0, size + 1).list();
        boolean more = rows.size() > size;
        List<Story> items = more ? rows.subList(0, size) : rows;
        return new Page(List.copyOf(items), more ? items.get(items.size() - 1).id : null);
    }

    public record Page(List<Story> items, UUID next) {
    }

    /** Replaces one scene's text; 409 once the scenes are approved. */
    @Transactional
    public Scene editScene(UUID id, int number, String text, String owner) {
        Story story = owned(Story.lockedById(id), id, owner);
        if (story.status != StoryStatus.Status.DRAFTED) {
            throw ProblemException.conflict("scenes-approved",
                    "the scenes of this story are approved; texts can no longer change");
        }
        Scene scene = story.scene(number).orElseThrow(() -> ProblemException.notFound("scene " + number));
        Instant now = Instant.now();
        scene.text = text;
        scene.placeholder = false;
        scene.updatedAt = now;
        story.updatedAt = now;
        Log.infof("scene edited story=%s scene=%d", id, number);
        return scene;
    }

    /**
     * Approves the scene texts: character sheet, style line, 20 standardized and sanitized prompts
     * (attempt 1) and, in the same transaction, 20 {@code scene-approved} rows and a
     * {@code story-status} row in the outbox. A story already approved is returned unchanged.
     *
     * <p>A writer that describes the pictures (the OpenAI writer) is asked first, outside any
     * transaction; a scene whose text changed meanwhile, or that the writer did not describe, gets
     * the composer's prompt from its text.
     */
    public Story approveScenes(UUID id, String owner) {
        Map<Integer, String> pictures = Map.of();
        Map<Integer, String> described = Map.of();
        if (drafting.drawsPictures()) {
            PictureRequest request = QuarkusTransaction.requiringNew().call(() -> pictureRequest(id, owner));
            if (request != null) {
                described = request.texts();
                pictures = drafting.pictures(id, request.brief(), request.scenes());
            }
        }
        Map<Integer, String> shows = pictures;
        Map<Integer, String> texts = described;
        return QuarkusTransaction.requiringNew().call(() -> approve(id, owner, shows, texts));
    }

    private record PictureRequest(StoryBrief brief, List<StoryWriter.WrittenScene> scenes, Map<Integer, String> texts) {
    }

    /** What the writer is shown to describe the pictures; null when the approval will not write prompts. */
    private PictureRequest pictureRequest(UUID id, String owner) {
        Story story = owned(Story.<Story>findByIdOptional(id), id, owner);
        if (story.status != StoryStatus.Status.DRAFTED || story.scenes.stream().anyMatch(s -> s.placeholder)) {
            return null; // already approved, or refused below: no call to make
        }
        Map<Integer, String> texts = story.scenes.stream().collect(Collectors.toMap(s -> s.number, s -> s.text));
        return new PictureRequest(briefs.of(answersOf(story)), story.scenes.stream()
                .map(s -> new StoryWriter.WrittenScene(s.number, s.text)).toList(), texts);
    }

    private Story approve(UUID id, String owner, Map<Integer, String> pictures, Map<Integer, String> describedTexts) {
        Story story = owned(Story.lockedById(id), id, owner);
        if (story.status != StoryStatus.Status.DRAFTED) {
            Log.infof("scenes already approved story=%s status=%s", id, story.status);
            return story;
        }
        List<Integer> placeholders = story.scenes.stream().filter(s -> s.placeholder).map(s -> s.number).toList();
        if (!placeholders.isEmpty()) {
            throw ProblemException.conflict("placeholder-scenes", "scenes " + placeholders.stream()
                    .map(String::valueOf).collect(Collectors.joining(", "))
                    + " are placeholders; write their text before approving");
        }
        StoryBrief brief = briefs.of(answersOf(story));
        Instant now = Instant.now();
        story.characterSheet = PromptSanitizer.sanitize(composer.characterSheet(brief));
        story.styleLine = PromptSanitizer.sanitize(composer.styleLine(brief));
        story.status = StoryStatus.Status.SCENES_APPROVED;
        story.updatedAt = now;
        int drawn = 0;
        for (Scene scene : story.scenes) {
            String picture = pictures.get(scene.number);
            boolean current = picture != null && scene.text.equals(describedTexts.get(scene.number));
            drawn += current ? 1 : 0;
            scene.prompt = PromptSanitizer.sanitize(composer.scenePrompt(scene.number, scene.stage,
                    current ? picture : scene.text, story.characterSheet, story.styleLine));
            scene.attempt = 1;
            scene.updatedAt = now;
            outbox.append(Topics.SCENE_APPROVED, story.id.toString(), mapper.sceneApproved(story, scene, config.prompts().imageSize()));
        }
        outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.status(story));
        Log.infof("scenes approved story=%s scenes=%d attempt=1 writer-pictures=%d", id, story.scenes.size(), drawn);
        return story;
    }

    /** The validated answers a story was created from. */
    public Answers answersOf(Story story) {
        try {
            return new Answers(json.readValue(story.answers, new TypeReference<java.util.LinkedHashMap<String, String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answers of story " + story.id, e);
        }
    }

    private static Story owned(Optional<Story> found, UUID id, String owner) {
        return found.filter(s -> owner == null || s.owner.equalsIgnoreCase(owner))
                .orElseThrow(() -> ProblemException.notFound("story " + id));
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
