package io.taleforge.story.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.taleforge.commons.http.Backoff;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.redaction.Redactor;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.provider.StoryBrief;
import io.taleforge.story.provider.StoryWriter.WrittenStory;
import io.taleforge.story.provider.StoryWriter;
import io.taleforge.story.provider.StoryWriterException;

/**
 * Asks the story writer for 20 scenes and makes sure 20 come out: each call is journaled; each
 * usable scene goes to the {@link SceneSink} the moment the writer completes it (so a streaming
 * writer's scenes are stored while it still writes); a call that fails or returns fewer than 20
 * usable scenes is retried, and a retry only adds the scenes still missing (those kept stay);
 * after the last try the gaps are filled with clearly marked placeholder scenes, each with a
 * journal row that says why. Never a silent short story.
 *
 * <p>A transient failure (rate limit, 5xx, timeout, any exception that is not a final
 * {@link StoryWriterException}) waits before the next try: as long as the provider's
 * {@code Retry-After} asks, else an exponential backoff with jitter, never longer than
 * {@code writer.max-wait}. A final failure (a rejected key, a refused request) stops at once: with
 * no usable scene it is a {@link StoryNotWritten} that names the reason (the story then ends with 20
 * placeholders and that reason).
 */
@ApplicationScoped
public class SceneDrafting {

    public static final String OPERATION = "write-scenes";
    public static final String PLACEHOLDER_PREFIX = "[Placeholder]";

    /** The scenes to store: always 20, in order; {@code note} says why placeholders remain (null: none). */
    public record Draft(String title, List<DraftScene> scenes, String provider, String model, String note,
            BigDecimal costUsd) {

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
    private final StoryEstimates estimates;

    public SceneDrafting(StoryWriters writers, Journal journal, Redactor redactor, StoryConfig config,
            StoryEstimates estimates) {
        this.writers = writers;
        this.estimates = estimates;
        this.journal = journal;
        this.redactor = redactor;
        this.config = config;
    }

    /** Drafts with the configured writer. */
    public Draft draft(UUID storyId, StoryBrief brief) {
        return draft(writers.current(), storyId, brief);
    }

    public Draft draft(StoryWriter writer, UUID storyId, StoryBrief brief) {
        return draft(writer, storyId, brief, Map.of(), SceneSink.NONE);
    }

    /**
     * Drafts the scenes not in {@code kept} (stored before, e.g. by a writing a restart cut off),
     * handing each to {@code sink} as it is written. Throws {@link WritingStopped} when the sink
     * says the reader stopped it.
     */
    public Draft draft(StoryWriter writer, UUID storyId, StoryBrief brief, Map<Integer, String> kept, SceneSink sink) {
        WritingTries tries = new WritingTries(writer, storyId, 1 + Math.max(0, config.writer().retries()),
                System.nanoTime() + config.writer().deadline().toNanos(), kept);
        for (int attempt = 1; attempt <= tries.allowed() && !tries.finished(); attempt++) {
            Duration wait = tryOnce(tries, brief, attempt, sink);
            if (tries.finished() || wait == null || !fitsDeadline(tries, attempt, wait)) {
                break;
            }
            pause(wait);
        }
        if (tries.best().isEmpty()) {
            throw notWritten(tries);
        }
        List<DraftScene> scenes = fill(tries);
        boolean incomplete = scenes.stream().anyMatch(DraftScene::placeholder);
        return new Draft(title(tries.bestTitle(), brief), scenes, writer.provider(), writer.model(),
                incomplete ? tries.lastReason() : null, tries.spent());
    }

    /** One journaled call; returns the wait before the next try, or null when no further try follows. */
    private Duration tryOnce(WritingTries tries, StoryBrief brief, int attempt, SceneSink sink) {
        if (sink.stopped()) {
            throw new WritingStopped();
        }
        tries.made(attempt);
        String step = "write try %d/%d".formatted(attempt, tries.allowed());
        try (JournalCall call = JournalCall.open(journal, tries.subject(), step, describe(brief))) {
            WrittenStory written;
            try {
                written = tries.writer().write(brief, new TreeMap<>(tries.best()), listener(tries, sink));
            } catch (WritingStopped e) {
                call.failed(step, e);
                throw e;
            } catch (RuntimeException e) {
                if (sink.stopped()) {
                    call.failed(step, e);
                    throw new WritingStopped();
                }
                return failedTry(tries, call, step, attempt, e);
            }
            if (written != null) {
                writtenTry(tries, call, step, attempt, written);
            }
            return tries.finished() || attempt >= tries.allowed() ? null : Duration.ZERO;
        }
    }

    /** A call that threw: final (no further try) or transient (wait as asked, or back off). */
    private Duration failedTry(WritingTries tries, JournalCall call, String step, int attempt, RuntimeException e) {
        call.failed(step, e);
        String reason = redactor.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        tries.lastReason(reason);
        StoryWriter writer = tries.writer();
        if (e instanceof StoryWriterException failure && !failure.retryable()) {
            Log.warnf("writer %s failed for good story=%s try=%d kind=%s: %s", writer.provider(), tries.storyId(),
                    attempt, failure.kind(), reason);
            tries.fatal(failure);
            return null;
        }
        Duration wait = attempt < tries.allowed() ? waitBefore(attempt, e) : null;
        Log.warnf("writer %s failed story=%s try=%d wait-ms=%s: %s", writer.provider(), tries.storyId(), attempt,
                wait == null ? "-" : wait.toMillis(), reason);
        return wait;
    }

    /** Stores each scene as the writer completes it; cancels the call under way once the reader stopped the writing. */
    private StoryWriter.SceneListener listener(WritingTries tries, SceneSink sink) {
        return new StoryWriter.SceneListener() {
            @Override
            public void written(StoryWriter.WrittenScene scene) {
                accept(tries, sink, scene);
            }

            @Override
            public void arriving() {
                if (sink.stopped()) {
                    throw new WritingStopped();
                }
            }
        };
    }

    /** A scene as the writer completes it: stored when usable and still missing. */
    private void accept(WritingTries tries, SceneSink sink, StoryWriter.WrittenScene scene) {
        String text = UsableScenes.usable(scene, tries.best(), config.writer().maxSceneLength());
        if (text != null) {
            sink.stored(scene.number(), ArcStage.of(scene.number()), text);
            tries.keep(scene.number(), text);
        }
    }

    /** An answer ended: complete once 20 usable scenes are kept, else a failed try. */
    private void writtenTry(WritingTries tries, JournalCall call, String step, int attempt, WrittenStory written) {
        tries.title(written.title());
        BigDecimal cost = estimates.writerCost(tries.writer(), written.tokens());
        tries.spent(cost);
        Map<Integer, String> usable = tries.best();
        if (usable.size() == ArcStage.SCENES) {
            call.success(step, "%d usable scenes, title \"%s\"".formatted(usable.size(), written.title()), cost);
            return;
        }
        String missing = UsableScenes.missing(usable).stream().map(String::valueOf).collect(Collectors.joining(", "));
        String reason = "the writer returned %d usable scenes of %d; missing or ".formatted(usable.size(),
                ArcStage.SCENES) + "unusable: " + missing + (written.note() == null ? "" : " (" + written.note() + ")");
        tries.lastReason(reason);
        call.failed(step, new IllegalStateException(reason));
        Log.warnf("writer %s short story=%s try=%d usable=%d%s", tries.writer().provider(), tries.storyId(), attempt,
                usable.size(), written.note() == null ? "" : " note=" + redactor.redact(written.note()));
    }

    /** Whether the next try, after {@code wait}, could still end before the writing deadline. */
    private boolean fitsDeadline(WritingTries tries, int attempt, Duration wait) {
        Duration left = Duration.ofNanos(tries.deadline() - System.nanoTime());
        if (wait.plus(tries.writer().longestCall()).compareTo(left) <= 0) {
            return true;
        }
        String last = tries.lastReason();
        tries.lastReason((last == null ? "" : last + "; ") + "no further try: it could not end"
                + " within the writing deadline of " + config.writer().deadline().toSeconds() + " s");
        Log.warnf("writer %s stops story=%s try=%d: writing deadline (%d s left)", tries.writer().provider(),
                tries.storyId(), attempt, left.toSeconds());
        return false;
    }

    /** The best answer's scenes, and a journaled, marked placeholder for each gap. */
    private List<DraftScene> fill(WritingTries tries) {
        List<DraftScene> scenes = new ArrayList<>();
        for (int number = 1; number <= ArcStage.SCENES; number++) {
            ArcStage stage = ArcStage.of(number);
            String text = tries.best().get(number);
            if (text != null) {
                scenes.add(new DraftScene(number, stage, text, false));
                continue;
            }
            String last = tries.lastReason();
            String reason = "the writer gave no usable text for scene %d after %s; a marked placeholder was "
                    .formatted(number, tries(tries.made())) + "stored for the reader to replace"
                    + (last == null ? "" : "; last try: " + last);
            StoryWriter writer = tries.writer();
            journal.skipped(new Journal.Subject(OPERATION, tries.storyId(), number, null, writer.provider(),
                    writer.model()), "placeholder", "stage " + stage.slug(), reason);
            scenes.add(new DraftScene(number, stage, placeholderText(number, stage), true));
        }
        return scenes;
    }

    /** The title a story has until its writer gives one. */
    static String provisionalTitle(StoryBrief brief) {
        return title(null, brief);
    }

    private static String title(String written, StoryBrief brief) {
        String title = written == null || written.isBlank() ? brief.name() + "'s Story" : written.strip();
        return title.length() > 200 ? title.substring(0, 199) + "…" : title;
    }

    /** Why no story was stored: the final failure, or every try failing or giving nothing. */
    private StoryNotWritten notWritten(WritingTries tries) {
        StoryWriterException fatal = tries.fatal();
        if (fatal == null) {
            return new StoryNotWritten(StoryNotWritten.Reason.UNAVAILABLE,
                    "no scenes could be written after %s (last: %s); try again later".formatted(tries(tries.made()),
                            tries.lastReason()));
        }
        StoryNotWritten.Reason reason = switch (fatal.kind()) {
            case KEY_REJECTED -> StoryNotWritten.Reason.KEY_REJECTED;
            case QUOTA_EXHAUSTED -> StoryNotWritten.Reason.QUOTA_EXHAUSTED;
            default -> StoryNotWritten.Reason.REQUEST_REFUSED;
        };
        return new StoryNotWritten(reason, redactor.redact(fatal.getMessage()));
    }

    private static String tries(int made) {
        return made == 1 ? "1 try" : made + " tries";
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

    private static String describe(StoryBrief brief) {
        return "hero=%s the %s %s, setting=%s, rejection=%s, discovery=%s/%s, antagonist=%s, style=%s, ending=%s%s"
                .formatted(brief.name(), brief.trait().value(), brief.species().value(), brief.setting().value(),
                        brief.rejection().value(), brief.discovery().value(), brief.discoveryDetail().value(),
                        brief.antagonist().value(), brief.style().value(), brief.ending().value(),
                        brief.wish() == null ? "" : ", wish=" + brief.wish());
    }
}
