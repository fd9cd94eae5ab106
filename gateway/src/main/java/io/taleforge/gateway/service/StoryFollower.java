package io.taleforge.gateway.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.taleforge.gateway.model.StreamEntry;
import io.vertx.core.buffer.Buffer;

/**
 * One browser's stream of one story: a cursor (the last entry id it was sent) and whether it
 * is live. A live follower takes the entries its {@link StoryChannel} hands out (under the
 * channel's lock, which also fixes the order of its writes); one that starts from a Last-Event-ID
 * the channel does not hold in memory first reads its backlog from Redis, page by page, and is
 * handed over to the channel once it reached what the channel holds, so nothing is missed or sent
 * twice at the handover. Its frames are written on its connection's event loop, in that order.
 */
final class StoryFollower {

    private final String storyId;
    private final Optional<StreamId> lastEventId;
    private final FeedSink sink;
    private final EventFeed feed;
    private final AtomicBoolean left = new AtomicBoolean();
    private volatile StoryChannel channel;
    private volatile StreamId cursor; // null until the starting point is fixed
    private boolean live; // guarded by the channel

    StoryFollower(String storyId, Optional<StreamId> lastEventId, FeedSink sink, EventFeed feed) {
        this.storyId = storyId;
        this.lastEventId = lastEventId;
        this.sink = sink;
        this.feed = feed;
    }

    Optional<StreamId> lastEventId() {
        return lastEventId;
    }

    void joining(StoryChannel joined) {
        this.channel = joined;
    }

    Executor loop() {
        return sink.loop();
    }

    boolean started() {
        return cursor != null;
    }

    /** The starting point is fixed: the first comment (from here on nothing is missed), then reload if needed. */
    Buffer start(StreamId from, boolean reload) {
        cursor = from;
        Buffer beat = StreamEntry.heartbeat().frame();
        return reload ? concat(beat, StreamEntry.reload(from.toString()).frame()) : beat;
    }

    /** Joins the live feed: the frames of what {@code recent} holds after the cursor, to be sent first. */
    Buffer live(List<StoryChannel.Kept> recent) {
        live = true;
        return take(recent, null, null);
    }

    /**
     * The frames of the entries after the cursor, in order, moving the cursor past them (null when
     * none or not live). {@code all}, the frames of every entry after {@code from}, is reused as is
     * when this follower's cursor is {@code from}: the common case costs no copy per browser.
     */
    Buffer take(List<StoryChannel.Kept> entries, StreamId from, Buffer all) {
        if (!live || left.get() || entries.isEmpty()) {
            return null;
        }
        StreamId last = entries.get(entries.size() - 1).id();
        if (last.compareTo(cursor) <= 0) {
            return null;
        }
        if (all != null && cursor.equals(from)) {
            cursor = last;
            return all;
        }
        Buffer frames = null;
        for (StoryChannel.Kept kept : entries) {
            if (kept.id().compareTo(cursor) > 0) {
                frames = concat(frames, kept.entry().frame());
                cursor = kept.id();
            }
        }
        return frames;
    }

    /** Writes on this browser's event loop, after whatever was handed over before. */
    void send(Buffer frames) {
        if (frames == null) {
            return;
        }
        Executor loop = sink.loop();
        if (loop == null) {
            deliver(frames);
        } else {
            loop.execute(() -> deliver(frames));
        }
    }

    /** On the event loop: the write itself; a browser gone or cut off leaves the story's feed. */
    void deliver(Buffer frames) {
        if (!left.get() && !sink.write(frames)) {
            leave();
        }
    }

    /** Fixes the starting point with Redis, then reads the backlog until the channel covers the rest. */
    void catchUp(StoryChannel joined) {
        feed.startingPoint(storyId, lastEventId).subscribe().with(start -> {
            send(start(start.cursor(), start.reload()));
            readOn(joined);
        }, this::fail);
    }

    private void readOn(StoryChannel joined) {
        if (left.get()) {
            return;
        }
        FeedSettings settings = feed.settings();
        settings.patiently(feed.buffer().after(storyId, cursor, settings.pageSize())).subscribe().with(entries -> {
            Buffer page = Buffer.buffer();
            for (StreamEntry entry : entries) {
                page.appendBuffer(entry.frame());
                cursor = StreamId.parse(entry.id()).orElseThrow();
            }
            send(entries.isEmpty() ? null : page);
            if (entries.size() >= settings.pageSize() || !joined.handOver(this, cursor)) {
                readOn(joined);
            }
        }, this::fail);
    }

    /** A read failed past its deadline: the stream ends after what was written (the browser resumes). */
    void fail(Throwable failure) {
        Executor loop = sink.loop();
        Runnable end = () -> {
            sink.end();
            leave();
        };
        if (loop == null) {
            end.run();
        } else {
            loop.execute(end);
        }
    }

    /** Leaves the story's feed (once): the browser is gone, or its stream ended. */
    void leave() {
        if (left.compareAndSet(false, true) && channel != null) {
            feed.forget(channel, this);
        }
    }

    /** {@code first} then {@code then}, either of which may be null. */
    static Buffer concat(Buffer first, Buffer then) {
        if (first == null || then == null) {
            return first == null ? then : first;
        }
        return Buffer.buffer(first.length() + then.length()).appendBuffer(first).appendBuffer(then);
    }
}
