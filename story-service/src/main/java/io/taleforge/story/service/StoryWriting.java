package io.taleforge.story.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.story.config.StoryConfig;
import io.taleforge.story.model.ArcStage;
import io.taleforge.story.model.Scene;
import io.taleforge.story.model.Story;
import io.taleforge.story.provider.StoryBrief;

/**
 * The background writer: stories accepted by {@code POST /stories} are written here, at most
 * {@code writer.concurrent-stories} at once; the others wait in order of arrival ({@link #place}).
 * Each scene is stored and announced ({@link StoredScenes}) the moment the writer completes it.
 * A story always ends {@code DRAFTED}: complete, or with marked placeholders and the reason (the
 * writer failed, the reader stopped it). Stories a restart left {@code WRITING} are taken up
 * again at start, keeping the scenes already stored.
 */
@ApplicationScoped
public class StoryWriting {

    static final String STOPPED = "the reader stopped the writing";

    private final SceneDrafting drafting;
    private final StoryWriters writers;
    private final StoryBriefs briefs;
    private final StoredScenes stored;
    private final StoryBudget budget;
    private final ExecutorService pool;
    private final Set<UUID> waiting = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<UUID> stops = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public StoryWriting(SceneDrafting drafting, StoryWriters writers, StoryBriefs briefs, StoredScenes stored,
            StoryBudget budget, StoryConfig config) {
        this.drafting = drafting;
        this.budget = budget;
        this.writers = writers;
        this.briefs = briefs;
        this.stored = stored;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.writer().concurrentStories()), task -> {
            Thread thread = new Thread(task, "story-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent started) {
        resumeLeftovers();
    }

    /** Takes up the stories a stop left {@code WRITING}, oldest first, keeping their scenes; returns how many. */
    public int resumeLeftovers() {
        List<UUID> left = QuarkusTransaction.requiringNew().call(() -> Story.<Story>find("status",
                Sort.by("createdAt").and("id"), StoryStatus.Status.WRITING).list().stream().map(s -> s.id).toList());
        left.forEach(id -> Log.infof("story writing resumed after a restart story=%s", id));
        left.forEach(this::submit);
        return left.size();
    }

    /** A story cut off by the stop stays {@code WRITING}: the next start takes it up again. */
    void stop(@Observes ShutdownEvent stopping) {
        closing = true;
        pool.shutdownNow();
    }

    /** Queues a story for writing; it starts when a writer is free. */
    public void submit(UUID id) {
        waiting.add(id);
        pool.execute(() -> {
            waiting.remove(id);
            write(id);
        });
    }

    /** The story's place among those waiting to be written (1: next), or null when it is not waiting. */
    public Integer place(UUID id) {
        synchronized (waiting) {
            int place = new ArrayList<>(waiting).indexOf(id);
            return place < 0 ? null : place + 1;
        }
    }

    /** Stops the writing of a story: the scenes written stay, the rest become marked placeholders. */
    public void stopWriting(UUID id) {
        stops.add(id);
        Log.infof("story writing stop asked story=%s", id);
    }

    /** Writes one story to its end; whatever goes wrong, it ends {@code DRAFTED} with the reason. */
    void write(UUID id) {
        Map<Integer, String> kept = new TreeMap<>();
        StoryBrief brief = QuarkusTransaction.requiringNew().call(() -> started(id, kept));
        if (brief == null) {
            stops.remove(id);
            return;
        }
        SceneSink sink = new SceneSink() {
            @Override
            public void stored(int number, ArcStage stage, String text) {
                if (stops.contains(id)) {
                    throw new WritingStopped();
                }
                stored.written(id, number, stage, text);
            }

            @Override
            public boolean stopped() {
                return stops.contains(id);
            }
        };
        try {
            budget.reserveWriting(id);
            SceneDrafting.Draft draft = drafting.draft(writers.current(), id, brief, kept, sink);
            stored.finish(id, draft.title(), draft.note(), draft.costUsd());
        } catch (RuntimeException e) {
            endShort(id, e);
        } finally {
            stops.remove(id);
        }
    }

    /** The writing ended before 20 scenes: placeholders and the reason, unless the service is stopping. */
    private void endShort(UUID id, RuntimeException e) {
        if (closing) {
            Log.infof("story writing cut by the stop, taken up at the next start story=%s", id);
        } else if (e instanceof WritingStopped) {
            stored.finish(id, null, STOPPED, null);
        } else if (e instanceof StoryNotWritten failure) {
            Log.warnf("story not written story=%s reason=%s", id, failure.reason());
            stored.finish(id, null, failure.getMessage(), null);
        } else if (e instanceof BudgetExceeded over) {
            Log.infof("story not written story=%s reason=budget limit=%s", id, over.limit());
            stored.finish(id, null, "not written: " + over.getMessage(), null);
        } else {
            Log.errorf(e, "story writing failed story=%s", id);
            stored.finish(id, null, "the writing failed: " + e.getClass().getSimpleName(), null);
        }
    }

    /** The brief of a story still {@code WRITING}, and its scenes stored so far into {@code kept}; null otherwise. */
    private StoryBrief started(UUID id, Map<Integer, String> kept) {
        Story story = Story.findById(id);
        if (story == null || !story.isWriting()) {
            return null;
        }
        for (Scene scene : story.scenes) {
            kept.put(scene.number, scene.writtenText == null ? scene.text : scene.writtenText);
        }
        Log.infof("story writing started story=%s kept=%d at=%s", id, kept.size(), Instant.now());
        return briefs.of(story);
    }
}
