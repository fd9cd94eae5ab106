package io.taleforge.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.gateway.model.StreamEntry;

/**
 * The live feed of one story for one browser, read through the story's Redis stream itself: a
 * follower keeps a cursor (the last entry id it delivered) and, whenever it is told that the
 * stream grew, reads everything after the cursor ({@code XRANGE}, exclusive) and moves the cursor.
 * Backlog and live events take the same path, so a reconnect with {@code Last-Event-ID} gets
 * exactly what it missed, in order, then the live feed, with no gap at the handover and no
 * duplicate. Reads of one follower never overlap.
 *
 * <p>It is told by this instance's consumer right after an append (every instance consumes every
 * event) and, as a safety net, on every heartbeat. No Redis connection is held per browser.
 */
@ApplicationScoped
public class EventFeed {

    private final EventBuffer buffer;
    private final GatewayConfig config;
    private final Map<String, Set<Follower>> followers = new ConcurrentHashMap<>();

    public EventFeed(EventBuffer buffer, GatewayConfig config) {
        this.buffer = buffer;
        this.config = config;
    }

    /**
     * The story's events after {@code lastEventId} (or, without one, from now on), then live,
     * interleaved with heartbeats. The first item is a heartbeat, emitted once the starting point
     * is fixed. When the buffer no longer holds {@code lastEventId} (trimmed, expired, or Redis
     * lost it), what came in between cannot be replayed: the first event is then {@code reload},
     * telling the client to read the whole state again, and the feed goes on from the newest entry.
     */
    public Multi<StreamEntry> follow(String storyId, Optional<StreamId> lastEventId) {
        Multi<StreamEntry> entries = Multi.createFrom().emitter(emitter -> {
            Follower follower = new Follower(storyId, emitter);
            followers.computeIfAbsent(storyId, id -> ConcurrentHashMap.newKeySet()).add(follower);
            emitter.onTermination(() -> forget(follower));
            startingPoint(storyId, lastEventId).subscribe().with(follower::start, emitter::fail);
        });
        Multi<StreamEntry> heartbeats = Multi.createFrom().ticks().every(config.events().heartbeat())
                .onOverflow().drop()
                .map(tick -> StreamEntry.heartbeat());
        return Multi.createBy().merging().streams(entries, heartbeats)
                .onItem().invoke(item -> {
                    if (item.isHeartbeat()) {
                        wake(storyId);
                    }
                });
    }

    /** Where a follower starts, and the reload it must send first when the buffer has a gap. */
    private Uni<Start> startingPoint(String storyId, Optional<StreamId> lastEventId) {
        if (lastEventId.isEmpty()) {
            return buffer.lastId(storyId).map(last -> new Start(last, false));
        }
        StreamId from = lastEventId.get();
        if (from.isStart()) {
            return Uni.createFrom().item(new Start(from, false));
        }
        return buffer.holds(storyId, from).chain(held -> held
                ? Uni.createFrom().item(new Start(from, false))
                : buffer.lastId(storyId).invoke(last -> Log.warnf(
                        "replay buffer lost events storyId=%s lastEventId=%s newest=%s: client told to reload the state",
                        storyId, from, last)).map(last -> new Start(last, true)));
    }

    private record Start(StreamId cursor, boolean reload) {
    }

    /** The story's stream grew: every follower of it reads what is new. */
    public void wake(String storyId) {
        Set<Follower> set = followers.get(storyId);
        if (set != null) {
            set.forEach(Follower::pull);
        }
    }

    /** Browsers currently following the story on this instance. */
    public int followers(String storyId) {
        Set<Follower> set = followers.get(storyId);
        return set == null ? 0 : set.size();
    }

    /** Browsers following any story on this instance (the gauge {@code taleforge_sse_clients}). */
    public int followers() {
        return followers.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(Follower follower) {
        followers.computeIfPresent(follower.storyId, (id, set) -> {
            set.remove(follower);
            return set.isEmpty() ? null : set;
        });
    }

    private final class Follower {

        private final String storyId;
        private final MultiEmitter<? super StreamEntry> emitter;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile StreamId cursor;

        Follower(String storyId, MultiEmitter<? super StreamEntry> emitter) {
            this.storyId = storyId;
            this.emitter = emitter;
        }

        void start(Start from) {
            cursor = from.cursor();
            emitter.emit(StreamEntry.heartbeat()); // the first comment: from here on nothing is missed
            if (from.reload()) {
                emitter.emit(StreamEntry.reload(cursor.toString()));
            }
            pull();
        }

        void pull() {
            if (cursor == null || emitter.isCancelled()) {
                return;
            }
            pending.set(true);
            if (reading.compareAndSet(false, true)) {
                read();
            }
        }

        private void read() {
            pending.set(false);
            int page = config.events().pageSize();
            buffer.after(storyId, cursor, page).subscribe().with(entries -> delivered(entries, page), failure -> {
                Log.warnf("reading the event stream failed storyId=%s cursor=%s: %s", storyId, cursor,
                        failure.getMessage());
                reading.set(false); // the next wake-up (at the latest the heartbeat) reads again
            });
        }

        private void delivered(List<StreamEntry> entries, int page) {
            for (StreamEntry entry : entries) {
                if (emitter.isCancelled()) {
                    return;
                }
                emitter.emit(entry);
                cursor = StreamId.parse(entry.id()).orElseThrow();
            }
            if (entries.size() >= page || pending.get()) {
                read();
                return;
            }
            reading.set(false);
            // a wake-up that came between the check above and now must not be lost
            if (pending.get() && reading.compareAndSet(false, true)) {
                read();
            }
        }
    }
}
