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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.taleforge.commons.text.PromptSanitizer;
import io.taleforge.commons.outbox.Outbox;
import io.taleforge.contracts.Pictures;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.mapping.StoryMapper;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter;

/**
 * Stories: create from quiz answers, read (owner-filtered), list, edit scenes, approve the scenes
 * (prompts + the portrait's {@code scene-approved} outbox row in one transaction), and start the
 * 20 scenes' pictures when the portrait is approved. Every status change
 * also writes a {@code story-status} outbox row in the same transaction.
 */
@ApplicationScoped
public class StoryService {

    private final QuizService quiz;
    private final StoryBriefs briefs;
    private final StoryWriting writing;
    private final StoryWriters writers;
    private final ScenePictures pictureWriter;
    private final PromptComposer composer;
    private final Outbox outbox;
    private final StoryMapper mapper;
    private final StoryConfig config;
    private final ObjectMapper json;
    private final StoryBudget budget;

    public StoryService(QuizService quiz, StoryBriefs briefs, StoryWriting writing, StoryWriters writers,
            ScenePictures pictureWriter, PromptComposer composer, Outbox outbox, StoryMapper mapper, StoryConfig config,
            ObjectMapper json, StoryBudget budget) {
        this.budget = budget;
        this.quiz = quiz;
        this.briefs = briefs;
        this.writing = writing;
        this.writers = writers;
        this.pictureWriter = pictureWriter;
        this.composer = composer;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.json = json;
    }

    /**
     * Validates the answers and stores the story {@code WRITING}, without scenes; the background
     * writer ({@link StoryWriting}) writes them, one by one, when its turn comes.
     */
    public UUID create(String owner, Map<String, Object> rawAnswers) {
        Answers answers = quiz.validate(rawAnswers);
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store(id, owner, answers));
        writing.submit(id);
        Log.infof("story accepted story=%s writer=%s place=%s", id, writers.current().provider(), writing.place(id));
        return id;
    }

    private void store(UUID id, String owner, Answers answers) {
        Story story = Story.writing(id, owner, toJson(answers.values()), answers.get(QuizService.HERO_SPECIES),
                answers.get(QuizService.HERO_NAME), answers.get(QuizService.HERO_TRAIT), Instant.now());
        story.writtenBy(SceneDrafting.provisionalTitle(briefs.of(answers)), writers.current().provider(),
                writers.current().model());
        story.persist();
        outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.status(story));
    }

    /** The story's place among those waiting to be written (1: next); null when it is not waiting. */
    public Integer place(UUID id) {
        return writing.place(id);
    }

    /** Stops the writing of the owner's story (nothing when it is not being written); what was written stays. */
    @Transactional
    public void stopWriting(UUID id, String owner) {
        Story story = owned(Story.<Story>findByIdOptional(id), id, owner);
        if (story.isWriting()) {
            writing.stopWriting(id);
        }
    }

    /** The story, if it exists and (when an owner is given) belongs to that owner; {@link StoryNotFound} otherwise. */
    @Transactional
    public Story get(UUID id, String owner) {
        Story story = owned(Story.<Story>findByIdOptional(id), id, owner);
        story.scenes.size();
        return story;
    }

    /**
     * One page of stories, newest first, after the story {@code after} (exclusive); owner-filtered
     * when given. {@code limit} is already within {@code paging.max-limit} (null: the default).
     */
    @Transactional
    public Page list(String owner, Integer limit, String after) {
        int size = limit == null ? config.paging().defaultLimit() : limit;
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (owner != null) {
            query.append(" and owner = :owner");
            params.and("owner", owner);
        }
        if (after != null && !after.isBlank()) {
            Story cursor = cursor(owner, after);
            query.append(" and (createdAt < :cursorTime or (createdAt = :cursorTime and id < :cursorId))");
            params.and("cursorTime", cursor.createdAt).and("cursorId", cursor.id);
        }
        List<Story> rows = Story.<Story>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .page(0, size + 1).list();
        boolean more = rows.size() > size;
        List<Story> items = more ? rows.subList(0, size) : rows;
        return new Page(List.copyOf(items), more ? items.get(items.size() - 1).id : null);
    }

    /** The story a page starts after: it must be one of the list (the same owner's, when filtered). */
    private static Story cursor(String owner, String after) {
        return parseId(after).flatMap(cursorId -> Story.<Story>findByIdOptional(cursorId))
                .filter(s -> owner == null || s.owner.equals(owner))
                .orElseThrow(() -> new UnknownCursor(after));
    }

    public record Page(List<Story> items, UUID next) {
    }

    /** Replaces one scene's text (also while later scenes are being written); refused once the scenes are approved. */
    @Transactional
    public Scene editScene(UUID id, int number, String text, String owner) {
        Story story = owned(Story.lockedById(id), id, owner);
        if (!story.isOpenToEdits()) {
            throw new ScenesAlreadyApproved(id);
        }
        Scene scene = story.scene(number).orElseThrow(() -> new SceneNotFound(id, number));
        scene.edit(text, Instant.now());
        Log.infof("scene edited story=%s scene=%d", id, number);
        return scene;
    }

    /**
     * Approves the scene texts: character sheet, style line, 20 standardized and sanitized prompts
     * and the hero's portrait (picture 0, attempt 1) and, in the same transaction, the portrait's
     * {@code scene-approved} and a {@code story-status} row in the outbox. The scenes' pictures
     * start when the portrait is approved ({@link #portraitApproved}). A story already approved is
     * returned unchanged.
     *
     * <p>A writer that describes the pictures (the OpenAI writer) is asked first, outside any
     * transaction; a scene whose text changed meanwhile, or that the writer did not describe, gets
     * the composer's prompt from its text.
     */
    public Story approveScenes(UUID id, String owner) {
        get(id, owner); // a story of another owner reserves nothing
        budget.reserveApproval(id); // before any provider call; BudgetExceeded refuses the approval
        Map<Integer, String> pictures = Map.of();
        Map<Integer, String> described = Map.of();
        if (pictureWriter.drawn()) {
            PictureRequest request = QuarkusTransaction.requiringNew().call(() -> pictureRequest(id, owner));
            if (request != null) {
                described = request.texts();
                pictures = pictureWriter.describe(id, request.brief(), request.scenes());
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
        if (!story.isDraft() || !story.placeholderNumbers().isEmpty()) { // WRITING is refused below
            return null; // already approved, or refused below: no call to make
        }
        Map<Integer, String> texts = story.scenes.stream().collect(Collectors.toMap(s -> s.number, s -> s.text));
        return new PictureRequest(briefs.of(answersOf(story)), story.scenes.stream()
                .map(s -> new StoryWriter.WrittenScene(s.number, s.text)).toList(), texts);
    }

    private Story approve(UUID id, String owner, Map<Integer, String> pictures, Map<Integer, String> describedTexts) {
        Story story = owned(Story.lockedById(id), id, owner);
        if (story.isWriting()) {
            throw new StillWriting(id);
        }
        if (!story.isDraft()) {
            Log.infof("scenes already approved story=%s status=%s", id, story.status);
            return story;
        }
        List<Integer> placeholders = story.placeholderNumbers();
        if (!placeholders.isEmpty()) {
            throw new PlaceholderScenes(placeholders);
        }
        StoryBrief brief = briefs.of(answersOf(story));
        Instant now = Instant.now();
        story.approveScenes(PromptSanitizer.sanitize(composer.characterSheet(brief)),
                PromptSanitizer.sanitize(composer.styleLine(brief)), now);
        int drawn = 0;
        for (Scene scene : story.scenes) {
            String picture = pictures.get(scene.number);
            boolean current = picture != null && scene.text.equals(describedTexts.get(scene.number));
            drawn += current ? 1 : 0;
            scene.compose(PromptSanitizer.sanitize(composer.scenePrompt(scene.number,
                    current ? picture : scene.text, story.characterSheet, story.styleLine)), now);
        }
        String portraitText = composer.portraitText(brief);
        Scene portrait = story.addPortrait(portraitText, PromptSanitizer.sanitize(composer.scenePrompt(
                Pictures.PORTRAIT, portraitText, story.characterSheet, story.styleLine)), now);
        outbox.append(Topics.SCENE_APPROVED, SceneApproved.key(story.id.toString(), portrait.number),
                mapper.sceneApproved(story, portrait, config.prompts().imageSize()));
        outbox.append(Topics.STORY_STATUS, story.id.toString(), mapper.status(story));
        Log.infof("scenes approved, portrait first story=%s scenes=%d attempt=1 writer-pictures=%d", id,
                story.scenes.size(), drawn);
        return story;
    }

    /**
     * The reader approved the portrait's attempt {@code attempt} (its image {@code imageUrl}): the
     * first attempts of the 20 scenes' pictures go to the outbox, each with the portrait as its
     * reference, in this transaction. Once per story: a portrait approved before, or an approval of
     * an attempt that is not the portrait's latest, changes nothing.
     *
     * @return true when the scenes' pictures were started
     */
    @Transactional
    public boolean portraitApproved(UUID id, int attempt, String imageUrl) {
        Optional<Story> found = Story.lockedById(id);
        Optional<Scene> portrait = found.flatMap(Story::portrait);
        if (portrait.isEmpty() || portrait.get().attempt != attempt) {
            Log.infof("portrait approval ignored story=%s attempt=%d latest=%s", id, attempt,
                    portrait.map(p -> p.attempt).orElse(null));
            return false;
        }
        Story story = found.get();
        if (!story.portraitApproved(imageUrl, Instant.now())) {
            return false;
        }
        for (Scene scene : story.scenes) {
            outbox.append(Topics.SCENE_APPROVED, SceneApproved.key(story.id.toString(), scene.number),
                    mapper.sceneApproved(story, scene, config.prompts().imageSize()));
        }
        Log.infof("portrait approved, scene pictures started story=%s attempt=%d scenes=%d", id, attempt,
                story.scenes.size());
        return true;
    }

    /** The validated answers a story was created from. */
    public Answers answersOf(Story story) {
        return briefs.answersOf(story);
    }

    private static Story owned(Optional<Story> found, UUID id, String owner) {
        return found.filter(s -> owner == null || s.owner.equalsIgnoreCase(owner))
                .orElseThrow(() -> new StoryNotFound(id));
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
