package io.taleforge.gateway.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkus.logging.Log;
import io.taleforge.gateway.model.StreamEntry;
import io.vertx.core.buffer.Buffer;

/**
 * One story's live feed on this instance: the only reader of the story's Redis stream for its
 * browsers. A wake-up makes it read what is new once ({@code XRANGE} after its cursor) and hand
 * the entries to every follower in memory, so the Redis work per event does not grow with the
 * number of browsers. It keeps the newest entries it read ({@code memory}), contiguous up to its
 * cursor: a browser that (re)connects with a Last-Event-ID among them, or without one, starts
 * from memory; any other starts from Redis ({@link StoryFollower}) and is handed over here. The
 * fan-out is one task per event loop ({@link LoopBatches}), with one buffer for every browser that
 * was where the read started; heartbeats go the same way.
 *
 * <p>All state is guarded by {@code this}; Redis is always called outside the lock.
 */
final class StoryChannel {

    /** One entry with its parsed id, parsed once per read and shared by every follower. */
    record Kept(StreamId id, StreamEntry entry) {
    }

    private static final StreamId START = StreamId.parse(EventBuffer.START).orElseThrow();

    private final String storyId;
    private final EventBuffer buffer;
    private final FeedSettings settings;
    private final Set<StoryFollower> followers = new HashSet<>();
    private final List<StoryFollower> waiting = new ArrayList<>();
    private final List<Kept> recent = new ArrayList<>();
    private boolean closed;
    private boolean priming;
    private boolean primed;
    private boolean complete; // recent holds the whole stream (it is no longer than the memory)
    private StreamId cursor = START;
    private boolean reading;
    private StreamId wanted; // an entry a wake-up announced that the current read may not have seen

    StoryChannel(String storyId, EventBuffer buffer, FeedSettings settings) {
        this.storyId = storyId;
        this.buffer = buffer;
        this.settings = settings;
    }

    String storyId() {
        return storyId;
    }

    synchronized int size() {
        return followers.size();
    }

    /** Adds the follower; false when the channel was closed meanwhile (its last follower left): use a new one. */
    synchronized boolean join(StoryFollower follower) {
        if (closed) {
            return false;
        }
        followers.add(follower);
        if (primed) {
            follower.send(admit(follower));
        } else {
            waiting.add(follower);
        }
        return true;
    }

    /** Removes the follower; true when none is left: the channel is then closed and can be forgotten. */
    synchronized boolean leave(StoryFollower follower) {
        followers.remove(follower);
        waiting.remove(follower);
        closed = followers.isEmpty();
        return closed;
    }

    /** Reads the newest entries once, when the first browser of the story arrives. */
    void prime() {
        synchronized (this) {
            if (priming || primed) {
                return;
            }
            priming = true;
        }
        settings.patiently(buffer.newest(storyId, settings.memory()))
                .subscribe().with(this::primed, this::failAll);
    }

    private void primed(List<StreamEntry> newest) {
        boolean readNow;
        synchronized (this) {
            newest.forEach(entry -> recent.add(kept(entry)));
            complete = newest.size() < settings.memory();
            cursor = recent.isEmpty() ? START : recent.get(recent.size() - 1).id();
            primed = true;
            LoopBatches.write(waiting, this::admit); // a reconnect storm: one task per event loop
            waiting.clear();
            readNow = wanted != null;
            wanted = null;
        }
        if (readNow) {
            wake(null);
        }
    }

    /**
     * Starts a follower from memory when it can (its first frames returned: the first comment and
     * what memory holds after its id); otherwise it catches up from Redis first (null).
     */
    private Buffer admit(StoryFollower follower) {
        Optional<StreamId> from = fromMemory(follower.lastEventId());
        if (from.isEmpty()) {
            follower.catchUp(this);
            return null;
        }
        return StoryFollower.concat(follower.start(from.get(), false), follower.live(recent));
    }

    private Optional<StreamId> fromMemory(Optional<StreamId> lastEventId) {
        if (lastEventId.isEmpty()) {
            return Optional.of(cursor);
        }
        StreamId id = lastEventId.get();
        if (id.isStart()) {
            return complete ? Optional.of(id) : Optional.empty();
        }
        return recent.stream().anyMatch(kept -> kept.id().equals(id)) ? Optional.of(id) : Optional.empty();
    }

    /**
     * A follower that caught up from Redis to {@code upTo} joins the live feed: true when memory
     * covers everything after {@code upTo} (the rest is sent from it), false when it must read on.
     */
    synchronized boolean handOver(StoryFollower follower, StreamId upTo) {
        boolean covered = complete || upTo.compareTo(cursor) >= 0
                || (!recent.isEmpty() && upTo.compareTo(recent.get(0).id()) >= 0);
        if (covered) {
            follower.send(follower.live(recent));
        }
        return covered;
    }

    /** The story's stream grew (to {@code entry} when known, else unknown): read what is new, once. */
    void wake(StreamId entry) {
        StreamId from;
        synchronized (this) {
            if (entry != null && entry.compareTo(cursor) <= 0 && primed) {
                return; // already read (the Pub/Sub echo of a local wake-up)
            }
            if (!primed || reading) {
                wanted = max(wanted, entry == null ? StreamId.LARGEST : entry);
                return;
            }
            reading = true;
            wanted = null;
            from = cursor;
        }
        read(from);
    }

    private void read(StreamId from) {
        settings.patiently(buffer.after(storyId, from, settings.pageSize()))
                .subscribe().with(entries -> delivered(entries), failure -> {
                    synchronized (this) {
                        reading = false;
                    }
                    failAll(failure);
                });
    }

    private void delivered(List<StreamEntry> entries) {
        StreamId next;
        synchronized (this) {
            List<Kept> fresh = new ArrayList<>(entries.size());
            entries.forEach(entry -> fresh.add(kept(entry)));
            StreamId from = cursor;
            remember(fresh);
            Buffer all = LoopBatches.frames(fresh);
            LoopBatches.write(followers, follower -> follower.take(fresh, from, all));
            boolean more = entries.size() >= settings.pageSize() || (wanted != null && wanted.compareTo(cursor) > 0);
            wanted = null;
            if (!more) {
                reading = false;
                return;
            }
            next = cursor;
        }
        read(next);
    }

    /** A heartbeat to every browser whose stream has started: one task per event loop, no Redis. */
    synchronized void heartbeat() {
        Buffer beat = StreamEntry.heartbeat().frame();
        LoopBatches.write(followers, follower -> follower.started() ? beat : null);
    }

    private void remember(List<Kept> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        recent.addAll(fresh);
        cursor = fresh.get(fresh.size() - 1).id();
        int over = recent.size() - settings.memory();
        if (over > 0) {
            recent.subList(0, over).clear();
            complete = false;
        }
    }

    private void failAll(Throwable failure) {
        List<StoryFollower> all;
        synchronized (this) {
            priming = primed; // an unprimed channel primes again for the next browser
            all = new ArrayList<>(followers);
        }
        Log.warnf("reading the event stream failed past the deadline storyId=%s followers=%d: %s (streams end, "
                + "browsers resume with their Last-Event-ID)", storyId, all.size(), failure.getMessage());
        all.forEach(follower -> follower.fail(failure));
    }

    private static Kept kept(StreamEntry entry) {
        return new Kept(StreamId.parse(entry.id()).orElseThrow(), entry);
    }

    private static StreamId max(StreamId a, StreamId b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }
}
