package io.taleforge.story.service;

import java.time.Duration;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
 * writer failed, the reader stopped it). An instance writes a story only while it holds its claim
 * ({@link WritingClaims}, renewed while it writes), so with several instances a story is written
 * once; stories left {@code WRITING} with no live claim (a stop, a crash of the instance writing
 * them) are taken up at start and by a sweep every claim TTL, keeping the scenes already stored.
 */
@ApplicationScoped
public class StoryWriting {

    static final String STOPPED = "the reader stopped the writing";

    private final SceneDrafting drafting;
    private final StoryWriters writers;
    private final StoryBriefs briefs;
    private final StoredScenes stored;
    private final StoryBudget budget;
    private final WritingClaims claims;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeat;
    private final Set<UUID> waiting = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final Set<UUID> writing = ConcurrentHashMap.newKeySet();
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    private final Set<UUID> stops = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ticks = new AtomicInteger();
    private volatile boolean closing;

    public StoryWriting(SceneDrafting drafting, StoryWriters writers, StoryBriefs briefs, StoredScenes stored,
            StoryBudget budget, WritingClaims claims, StoryConfig config) {
        this.drafting = drafting;
        this.budget = budget;
        this.claims = claims;
        this.writers = writers;
        this.briefs = briefs;
        this.stored = stored;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.writer().concurrentStories()), task -> {
            Thread thread = new Thread(task, "story-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "story-writer-claims");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent started) {
        resumeLeftovers();
        long every = Math.max(100, claims.ttl().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes up the stories left {@code WRITING} that no live claim holds (a stop or a crash cut
     * their writing), oldest first, keeping their scenes; returns how many were queued.
     */
    public int resumeLeftovers() {
        return takeUp(claims.unclaimed());
    }

    private int takeUp(List<UUID> unclaimed) {
        List<UUID> left = unclaimed.stream().filter(id -> !queued.contains(id)).toList();
        left.forEach(id -> Log.infof("story writing taken up (no live claim) story=%s", id));
        left.forEach(this::submit);
        return left.size();
    }

    /**
     * Renews the claims of the stories written here; a lost claim stops that writing. Every third
     * beat (one claim TTL), takes up the stories older than a TTL that no live claim holds.
     */
    private void beat() {
        try {
            for (UUID id : writing) {
                if (!claims.claim(id) && writing.contains(id)) {
                    Log.warnf("story writing claim lost story=%s instance=%s", id, claims.instance());
                    lost.add(id);
                }
            }
            if (ticks.incrementAndGet() % 3 == 0) {
                takeUp(claims.unclaimed(Instant.now().minus(claims.ttl())));
            }
        } catch (RuntimeException e) {
            Log.warnf("story writing claims not renewed: %s", e.getMessage());
        }
    }

    /** A story cut off by the stop stays {@code WRITING}, its claim given up: the next start, here or elsewhere, takes it up. */
    void stop(@Observes ShutdownEvent stopping) {
        closing = true;
        heartbeat.shutdownNow();
        pool.shutdownNow();
        try {
            writing.forEach(claims::release);
        } catch (RuntimeException e) {
            Log.infof("story writing claims not given up at the stop (they expire): %s", e.getMessage());
        }
    }

    /** Queues a story for writing (once); it starts when a writer is free and this instance holds its claim. */
    public void submit(UUID id) {
        if (!queued.add(id)) {
            return;
        }
        waiting.add(id);
        pool.execute(() -> {
            waiting.remove(id);
            try {
                claimed(id);
            } finally {
                queued.remove(id);
            }
        });
    }

    /** Writes the story while holding its claim; another instance's live claim means it is written there. */
    private void claimed(UUID id) {
        if (!claims.claim(id)) {
            Log.infof("story writing skipped, claimed elsewhere or written story=%s", id);
            return;
        }
        writing.add(id);
        try {
            write(id);
        } finally {
            writing.remove(id);
            lost.remove(id);
            if (!closing) {
                claims.release(id);
            }
        }
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
        claims.askStop(id); // the instance writing it may be another one: it reads the row
        Log.infof("story writing stop asked story=%s", id);
    }

    /** How often a writing looks at its story's row for a stop asked through another instance. */
    static final Duration STOP_LOOK = Duration.ofMillis(500);

    /**
     * Whether a stop was asked for the story through any instance: from memory when it came here,
     * else from the story's row, read at most every {@link #STOP_LOOK} (the writer asks once per
     * streamed chunk). A row that cannot be read says no stop: the scenes' own writes fail then.
     */
    private boolean stopAsked(UUID id, AtomicLong nextLook) {
        if (stops.contains(id) || lost.contains(id)) {
            return true;
        }
        long now = System.nanoTime();
        long next = nextLook.get();
        if (now - next < 0 || !nextLook.compareAndSet(next, now + STOP_LOOK.toNanos())) {
            return false;
        }
        try {
            if (claims.stopAsked(id)) {
                stops.add(id);
                Log.infof("story writing stop read from the story row story=%s", id);
                return true;
            }
        } catch (RuntimeException e) {
            Log.warnf("story writing stop not read story=%s: %s", id, e.getMessage());
        }
        return false;
    }

    /** Writes one story to its end; whatever goes wrong, it ends {@code DRAFTED} with the reason. */
    void write(UUID id) {
        Map<Integer, String> kept = new TreeMap<>();
        StoryBrief brief = QuarkusTransaction.requiringNew().call(() -> started(id, kept));
        if (brief == null) {
            stops.remove(id);
            return;
        }
        AtomicLong nextLook = new AtomicLong(System.nanoTime());
        SceneSink sink = new SceneSink() {
            @Override
            public void stored(int number, ArcStage stage, String text) {
                if (stopped()) {
                    throw new WritingStopped();
                }
                stored.written(id, number, stage, text);
            }

            @Override
            public boolean stopped() {
                return stopAsked(id, nextLook);
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
        } else if (lost.contains(id)) {
            Log.warnf("story writing given up, its claim was lost story=%s", id);
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
