package io.taleforge.film.service;

import java.io.IOException;
import java.time.Instant;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.taleforge.commons.client.ServiceFailedException;
import io.taleforge.commons.client.ServiceRejectedException;
import io.taleforge.commons.cost.UnpricedException;
import io.taleforge.commons.journal.Journal;
import io.taleforge.commons.journal.JournalCall;
import io.taleforge.commons.logging.LogContext;
import io.taleforge.commons.provider.ProviderException;
import io.taleforge.film.client.StoryClient;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.service.NarrationJobs.Work;
import io.taleforge.film.store.ClipStore;
import io.taleforge.film.voice.Narration;
import io.taleforge.film.voice.SpeechRequest;
import io.taleforge.film.voice.VoiceProvider;
import io.taleforge.film.voice.Voices;
import io.taleforge.media.store.MediaStore;

/**
 * Speaks each scene's narration: every poll interval it holds as many due narrations as it has
 * free threads ({@link NarrationJobs#claimDue}, so a narration whose holder died is taken over
 * when its claim runs out), reads the scene's text from story-service, has the selected voice
 * read it aloud (its length measured by ffprobe), stores the audio in the media store and marks
 * the narration READY. One journal row {@code narration.speak} per narration attempt, with
 * provider, model, characters, measured length, and its cost by characters from the rate table (an
 * unpriced voice is never called: the narration FAILS {@code unpriced}, naming the table).
 */
@ApplicationScoped
public class NarrationWorker {

    static final String OPERATION = "narration.speak";

    private final NarrationJobs jobs;
    private final StoryClient stories;
    private final Voices voices;
    private final ClipStore store;
    private final Journal journal;
    private final FilmConfig config;
    private final FilmCosts costs;
    private final WorkPool pool;

    public NarrationWorker(NarrationJobs jobs, StoryClient stories, Voices voices, ClipStore store, Journal journal,
            FilmConfig config, FilmCosts costs) {
        this.jobs = jobs;
        this.stories = stories;
        this.voices = voices;
        this.store = store;
        this.journal = journal;
        this.config = config;
        this.costs = costs;
        this.pool = new WorkPool("narration-worker", config.voice().concurrency());
    }

    @Scheduled(every = "${taleforge.film.flow.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void speakDue() {
        int slots = pool.free();
        if (slots == 0) {
            return;
        }
        VoiceProvider voice = voices.selected();
        for (Work work : jobs.claimDue(slots, voice.name(), voice.model())) {
            pool.run(() -> {
                try (LogContext ids = LogContext.of(work.storyId(), work.sceneNumber(), work.attempt())) {
                    speak(work);
                }
            }, "narration storyId=" + work.storyId() + " scene=" + work.sceneNumber());
        }
    }

    /** One narration attempt, from the scene's text to the stored audio. */
    void speak(Work work) {
        if (work.takenOver()) {
            journal.interrupted(OPERATION, work.storyId(), work.sceneNumber(), work.attempt(),
                    "its holder stopped while speaking; spoken again");
        }
        String text;
        try {
            text = stories.story(work.storyId()).flatMap(s -> s.text(work.sceneNumber())).orElse(null);
        } catch (ServiceRejectedException e) {
            jobs.failed(work, "text_unavailable", "story-service refused the story: " + e.getMessage());
            return;
        } catch (ProcessingException | FaultToleranceException | ServiceFailedException e) {
            Log.warnf("story-service unavailable, narration waits storyId=%s scene=%d: %s", work.storyId(),
                    work.sceneNumber(), e.toString());
            jobs.later(work, Instant.now().plus(config.flow().retryLater()));
            return;
        }
        if (text == null || text.isBlank()) {
            jobs.failed(work, "text_unavailable", "story-service has no text for scene " + work.sceneNumber());
            return;
        }
        speak(work, text.strip());
    }

    private void speak(Work work, String text) {
        VoiceProvider voice = voices.selected();
        Journal.Subject subject = new Journal.Subject(OPERATION, work.storyId(), work.sceneNumber(), work.attempt(),
                voice.name(), voice.model());
        JournalCall priced;
        try {
            priced = JournalCall.priced(journal, subject, "speak", text.length() + " characters",
                    () -> costs.narration(text.length()));
        } catch (UnpricedException e) {
            jobs.failed(work, e.code(), e.getMessage());
            return;
        }
        try (JournalCall call = priced) {
            try {
                Narration spoken = voice.speak(new SpeechRequest(work.storyId(), work.sceneNumber(), work.attempt(), text));
                MediaStore.StoredMedia stored = store.put(work.storyId(), work.sceneNumber(), work.attempt(),
                        spoken.audio(), spoken.contentType());
                call.success("stored", summary(text, spoken, stored));
                jobs.ready(work, text, stored.url(), spoken.durationMs());
            } catch (ProviderException e) {
                call.failed("speak", e);
                jobs.failed(work, e.code(), e.getMessage());
            } catch (IOException e) {
                call.failed("store", e);
                jobs.failed(work, "store_failed", "the media store failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                call.failed("speak", e);
            }
        }
    }

    /** The journal's output: measured length, characters, size and where it is (the cost is the row's own column). */
    private static String summary(String text, Narration spoken, MediaStore.StoredMedia stored) {
        return "durationMs=%d characters=%d bytes=%d url=%s".formatted(spoken.durationMs(), text.length(),
                spoken.audio().length, stored.url());
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.stop();
    }
}
