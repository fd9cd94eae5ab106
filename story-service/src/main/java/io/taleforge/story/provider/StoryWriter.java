package io.taleforge.story.provider;

import java.util.List;

/**
 * The story writer port. The embedded {@link TemplateStoryWriter} is the default;
 * {@link io.taleforge.story.provider.openai.OpenAiStoryWriter} talks to any OpenAI-compatible chat completions API. Both are
 * {@code @Identifier}-qualified beans, selected by {@code taleforge.story.writer.provider}.
 *
 * <p>Implementations only produce text: retries, the check for 20 usable scenes, placeholders
 * and the journal rows belong to {@code service.SceneDrafting}, so every writer gets them. A
 * writer signals a failed call with {@link StoryWriterException}, which says whether another try
 * can help and how long to wait; any other exception counts as a transient failure.
 */
public interface StoryWriter {

    /** Provider name for the journal, e.g. {@code template} or {@code openai}. */
    String provider();

    /** Model name for the journal, e.g. {@code template-v1} or {@code gpt-4o-mini}. */
    String model();

    /**
     * The longest one {@link #write} call can take (its connect and read timeouts); a try that
     * could not end before the story's writing deadline is not started. Zero for a local writer.
     */
    default java.time.Duration longestCall() {
        return java.time.Duration.ZERO;
    }

    /**
     * Writes a title and (ideally) 20 scenes that follow the arc. May return fewer, empty or
     * duplicate scenes, or throw: the caller checks, retries and fills the gaps.
     */
    WrittenStory write(StoryBrief brief);

    /**
     * Writes like {@link #write(StoryBrief)}, telling {@code listener} each scene the moment its
     * text is complete, in the order written. A streaming writer calls it while the answer still
     * arrives; the default tells every scene of the whole answer at its end. A listener may throw
     * to stop the writing: the exception leaves this method as it is.
     */
    default WrittenStory write(StoryBrief brief, SceneListener listener) {
        WrittenStory written = write(brief);
        if (written != null && written.scenes() != null) {
            written.scenes().stream().filter(java.util.Objects::nonNull).forEach(listener::written);
        }
        return written;
    }

    /**
     * Writes only the scenes missing from {@code kept} (numbered 1..20, written before: by a try
     * a stream cut, or before a restart), given the kept ones as the story so far. The default
     * writes the whole story (a local writer costs nothing): the caller keeps only what is missing.
     */
    default WrittenStory write(StoryBrief brief, java.util.SortedMap<Integer, String> kept, SceneListener listener) {
        return write(brief, listener);
    }

    /** Told each scene as soon as its text is complete. */
    @FunctionalInterface
    interface SceneListener {

        void written(WrittenScene scene);

        /** Called as the answer arrives (each streamed piece); may throw to cancel the call under way. */
        default void arriving() {
        }
    }

    /**
     * What each approved scene's picture shows, one short description per scene number, for the
     * visual prompts (the composer wraps each in the scene head, the character sheet and the
     * style line, so the hero and the style stay the same in all 20). Empty: the writer leaves the
     * pictures to the composer, which uses the scene texts (the template writer does). May throw:
     * the caller falls back to the composer and journals why. The answer carries the tokens the
     * provider reported for the call, which the caller prices.
     */
    default PictureDescriptions pictures(StoryBrief brief, List<WrittenScene> scenes) {
        return new PictureDescriptions(java.util.Map.of(), null);
    }

    /**
     * What {@link #pictures} returns: a description per scene number, and the tokens the provider
     * reported by kind ({@code input}, {@code output}); empty when it reported none (a local writer).
     */
    record PictureDescriptions(java.util.Map<Integer, String> shows, java.util.Map<String, Long> tokens) {

        public PictureDescriptions {
            shows = java.util.Map.copyOf(shows);
            tokens = tokens == null ? java.util.Map.of() : java.util.Map.copyOf(tokens);
        }
    }

    /** Whether {@link #pictures} calls out (and is worth calling before the approval's transaction). */
    default boolean drawsPictures() {
        return false;
    }

    /**
     * Revises one scene's visual prompt after the reader rejected its image. The result must keep
     * the character sheet and style line that are in {@code request.currentPrompt()}.
     */
    String revisePrompt(PromptRevision request);

    /**
     * {@link #revisePrompt} with the tokens the provider reported for it ({@code input},
     * {@code output}), which the caller prices; a writer that calls nobody reports none.
     */
    default Revision revise(PromptRevision request) {
        return new Revision(revisePrompt(request), null);
    }

    /** What {@link #revise} returns: the revised prompt and the tokens reported (empty: none, no call). */
    record Revision(String prompt, java.util.Map<String, Long> tokens) {

        public Revision {
            tokens = tokens == null ? java.util.Map.of() : java.util.Map.copyOf(tokens);
        }
    }

    /**
     * What a writer returns. {@code note} (nullable) says what was wrong with the answer even when
     * part of it was usable (e.g. "cut off at the token limit"); it goes into the journal.
     * {@code tokens}: the tokens the provider reported by kind ({@code input}, {@code output}, as
     * the rate table prices them); empty when it reported none (a local writer).
     */
    record WrittenStory(String title, List<WrittenScene> scenes, String note, java.util.Map<String, Long> tokens) {

        public WrittenStory {
            tokens = tokens == null ? java.util.Map.of() : java.util.Map.copyOf(tokens);
        }

        public WrittenStory(String title, List<WrittenScene> scenes, String note) {
            this(title, scenes, note, null);
        }

        public WrittenStory(String title, List<WrittenScene> scenes) {
            this(title, scenes, null);
        }
    }

    /** One scene as written; {@code number} is 1-based. */
    record WrittenScene(int number, String text) {
    }

    /**
     * A prompt to revise: the scene, its current prompt, the reader's feedback (null for a plain
     * retry), and the story's character sheet and style line (nullable), which the revised prompt
     * must contain word for word.
     */
    record PromptRevision(StoryBrief brief, int sceneNumber, String sceneText, String currentPrompt,
            String feedback, String characterSheet, String styleLine) {

        public PromptRevision(StoryBrief brief, int sceneNumber, String sceneText, String currentPrompt,
                String feedback) {
            this(brief, sceneNumber, sceneText, currentPrompt, feedback, null, null);
        }
    }
}
