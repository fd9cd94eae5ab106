package io.taleforge.story.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.journal.Redactor;
import io.taleforge.commons.rest.Problem;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriter.WrittenScene;
import io.taleforge.story.provider.StoryWriter.WrittenStory;
import io.taleforge.story.provider.StoryWriterException;

/**
 * Asks the story writer for 20 scenes and makes sure 20 come out: each call is journaled; a
 * call that fails or returns fewer than 20 usable scenes is retried; after the last try the
 * best result's gaps are filled with clearly marked placeholder scenes, each with a journal row
 * that says why. Never a silent short story.
 *
 * <p>A transient failure (rate limit, 5xx, timeout, any exception that is not a final
 * {@link StoryWriterException}) waits before the next try: as long as the provider's
 * {@code Retry-After} asks, else an exponential backoff with jitter, never longer than
 * {@code writer.max-wait}. A final failure (a rejected key, a refused request) stops at once: with
 * no usable scene it is a problem that names the reason, not a story of placeholders.
 */
@ApplicationScoped
public class SceneDrafting {

    public static final String OPERATION = "write-scenes";
    public static final String PLACEHOLDER_PREFIX = "[Placeholder]";
    public static final String PICTURES = "describe-pictures";

    /** The scenes to store: always 20, in order. */
    public record Draft(String title, List<DraftScene> scenes, String provider, String model) {

        public long placeholders() {
            return scenes.stream().filter(DraftScene::placeholder).count();
        }
    }

    public record DraftScene(int number, ArcStage stage, String text, boolean placeholder) {
    }

    private final StoryWriters writers;
    private final Journal journal;
    private final Redactor redactor;
    private final StoryConfig config;

    public SceneDrafting(StoryWriters writers, Journal journal, Redactor redactor, StoryConfig config) {
        this.writers = writers;
        this.journal = journal;
        this.redactor = redactor;
        this.config = config;
    }

    /** Drafts with the configured writer. */
    public Draft draft(UUID storyId, StoryBrief brief) {
        return draft(writers.current(), storyId, brief);
    }

    public Draft draft(StoryWriter writer, UUID storyId, StoryBrief brief) {
        int tries = 1 + Math.max(0, config.writer().retries());
        Map<Integer, String> best = Map.of();
        String bestTitle = null;
        StoryWriterException fatal = null;
        String lastReason = null;
        int made = 0;
        Journal.Subject subject = new Journal.Subject(OPERATION, storyId, null, null, writer.provider(), writer.model());
        long deadline = System.nanoTime() + config.writer().deadline().toNanos();
        for (int attempt = 1; attempt <= tries; attempt++) {
            made = attempt;
            String step = "write try %d/%d".formatted(attempt, tries);
            Duration wait = null;
            try (JournalCall call = JournalCall.open(journal, subject, step, describe(brief))) {
                WrittenStory written;
                try {
                    written = writer.write(brief);
                } catch (RuntimeException e) {
                    call.failed(step, e);
                    lastReason = redactor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    if (e instanceof StoryWriterException failure && !failure.retryable()) {
                        Log.warnf("writer %s failed for good story=%s try=%d kind=%s: %s", writer.provider(), storyId,
                                attempt, failure.kind(), lastReason);
                        fatal = failure;
                        break;
                    }
                    wait = attempt < tries ? waitBefore(attempt, e) : null;
                    Log.warnf("writer %s failed story=%s try=%d wait-ms=%s: %s", writer.provider(), storyId, attempt,
                            wait == null ? "-" : wait.toMillis(), lastReason);
                    written = null;
                }
                if (written != null) {
                    Map<Integer, String> usable = usable(written);
                    if (usable.size() > best.size()) {
                        best = usable;
                        bestTitle = written.title();
                    }
                    if (usable.size() == ArcStage.SCENES) {
                        call.success(step, "%d usable scenes, title \"%s\"".formatted(usable.size(), written.title()));
                        break;
                    }
                    String missing = missing(usable).stream().map(String::valueOf).collect(Collectors.joining(", "));
                    lastReason = "the writer returned %d usable scenes of %d; missing or ".formatted(usable.size(),
                            ArcStage.SCENES) + "unusable: " + missing + (written.note() == null ? "" : " (" + written.note() + ")");
                    call.failed(step, new IllegalStateException(lastReason));
                    Log.warnf("writer %s short story=%s try=%d usable=%d%s", writer.provider(), storyId, attempt,
                            usable.size(), written.note() == null ? "" : " note=" + redactor.redact(written.note()));
                }
            }
            if (attempt < tries && wait == null && best.size() < ArcStage.SCENES && fatal == null) {
                wait = Duration.ZERO;
            }
            if (wait != null) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (wait.plus(writer.longestCall()).compareTo(left) > 0) {
                    lastReason = (lastReason == null ? "" : lastReason + "; ") + "no further try: it could not end"
                            + " within the writing deadline of " + config.writer().deadline().toSeconds() + " s";
                    Log.warnf("writer %s stops story=%s try=%d: writing deadline (%d s left)", writer.provider(),
                            storyId, attempt, left.toSeconds());
                    break;
                }
                pause(wait);
            }
        }
        if (best.isEmpty()) {
            if (fatal != null) {
                throw new ProblemException(problem(fatal));
            }
            throw new ProblemException(Problem.of(503, "writer-unavailable", "The story writer is unavailable",
                    "no scenes could be written after %s (last: %s); try again later".formatted(tries(made), lastReason),
                    List.of()));
        }
        List<DraftScene> scenes = new ArrayList<>();
        for (int number = 1; number <= ArcStage.SCENES; number++) {
            ArcStage stage = ArcStage.of(number);
            String text = best.get(number);
            if (text != null) {
                scenes.add(new DraftScene(number, stage, text, false));
                continue;
            }
            String reason = "the writer gave no usable text for scene %d after %s; a marked placeholder was "
                    .formatted(number, tries(made)) + "stored for the reader to replace"
                    + (lastReason == null ? "" : "; last try: " + lastReason);
            journal.skipped(new Journal.Subject(OPERATION, storyId, number, null, writer.provider(), writer.model()),
                    "placeholder", "stage " + stage.slug(), reason);
            scenes.add(new DraftScene(number, stage, placeholderText(number, stage), true));
        }
        String title = bestTitle == null || bestTitle.isBlank() ? brief.name() + "'s Story" : bestTitle.strip();
        if (title.length() > 200) {
            title = title.substring(0, 199) + "…";
        }
        return new Draft(title, scenes, writer.provider(), writer.model());
    }

    /** Whether the current writer describes the pictures itself (a call worth making before approving). */
    public boolean drawsPictures() {
        return writers.current().drawsPictures();
    }

    /**
     * The writer's description of each scene's picture, journaled; empty (the composer's prompts
     * from the scene texts) when the writer fails, with a FAILED row saying why: approving the
     * scenes never fails because a model could not describe them.
     */
    public Map<Integer, String> pictures(UUID storyId, StoryBrief brief, List<WrittenScene> scenes) {
        StoryWriter writer = writers.current();
        Journal.Subject subject = new Journal.Subject(PICTURES, storyId, null, null, writer.provider(), writer.model());
        try (JournalCall call = JournalCall.open(journal, subject, "describe pictures", scenes.size() + " scenes")) {
            try {
                Map<Integer, String> pictures = writer.pictures(brief, scenes);
                call.success("describe pictures", "%d of %d described".formatted(pictures.size(), scenes.size()));
                return pictures;
            } catch (RuntimeException e) {
                call.failed("describe pictures, the composer's prompts are used", e);
                Log.warnf("writer %s could not describe the pictures story=%s, composer prompts used: %s",
                        writer.provider(), storyId, redactor.redact(String.valueOf(e.getMessage())));
                return Map.of();
            }
        }
    }

    private static String tries(int made) {
        return made == 1 ? "1 try" : made + " tries";
    }

    /** The problem a reader sees when the writer failed for good before writing anything. */
    private Problem problem(StoryWriterException e) {
        String detail = redactor.redact(e.getMessage()) + ". No story was stored.";
        return switch (e.kind()) {
            case KEY_REJECTED -> Problem.of(503, "writer-key-rejected", "The story writer rejected the service's key",
                    detail, List.of());
            case QUOTA_EXHAUSTED -> Problem.of(503, "writer-quota-exhausted", "The story writer's quota is used up",
                    detail, List.of());
            default -> Problem.of(502, "writer-request-refused", "The story writer refused the request", detail,
                    List.of());
        };
    }

    /** Retry-After if the writer passed one on, else the commons {@link Backoff}; at most max-wait. */
    private Duration waitBefore(int attempt, RuntimeException e) {
        Duration asked = e instanceof StoryWriterException failure ? failure.retryAfter().orElse(null) : null;
        return new Backoff(config.writer().backoff(), config.writer().maxWait()).after(attempt, asked);
    }

    private static void pause(Duration wait) {
        if (!Backoff.pause(wait)) {
            throw new IllegalStateException("interrupted while waiting to retry the story writer");
        }
    }

    static String placeholderText(int number, ArcStage stage) {
        return "%s Scene %d (%s) could not be written by the story writer. Write this scene yourself before approving."
                .formatted(PLACEHOLDER_PREFIX, number, stage.slug());
    }

    /** Scenes numbered 1..20, non-blank, not too long, not a repeat of another scene; the first of a number wins. */
    private Map<Integer, String> usable(WrittenStory written) {
        Map<Integer, String> usable = new TreeMap<>();
        if (written == null || written.scenes() == null) {
            return usable;
        }
        Set<String> seen = new HashSet<>();
        for (WrittenScene scene : written.scenes()) {
            if (scene == null || scene.number() < 1 || scene.number() > ArcStage.SCENES || scene.text() == null
                    || usable.containsKey(scene.number())) {
                continue;
            }
            String text = scene.text().strip();
            if (text.isEmpty() || text.length() > config.writer().maxSceneLength()
                    || !seen.add(text.toLowerCase().replaceAll("\\s+", " "))) {
                continue;
            }
            usable.put(scene.number(), text);
        }
        return usable;
    }

    private static List<Integer> missing(Map<Integer, String> usable) {
        List<Integer> missing = new ArrayList<>();
        for (int number = 1; number <= ArcStage.SCENES; number++) {
            if (!usable.containsKey(number)) {
                missing.add(number);
            }
        }
        return missing;
    }

    private static String describe(StoryBrief brief) {
        return "hero=%s the %s %s, setting=%s, rejection=%s, discovery=%s/%s, antagonist=%s, style=%s, ending=%s%s"
                .formatted(brief.name(), brief.trait().value(), brief.species().value(), brief.setting().value(),
                        brief.rejection().value(), brief.discovery().value(), brief.discoveryDetail().value(),
                        brief.antagonist().value(), brief.style().value(), brief.ending().value(),
                        brief.wish() == null ? "" : ", wish=" + brief.wish());
    }
}
