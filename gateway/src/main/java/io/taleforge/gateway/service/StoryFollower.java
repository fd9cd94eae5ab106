package io.taleforge.gateway.service;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.subscription.MultiEmitter;
import io.taleforge.gateway.model.StreamEntry;

/**
 * One browser's stream of one story: a cursor (the last entry id it was sent) and whether it
 * is live. A live follower takes the entries its {@link StoryChannel} hands out (under the
 * channel's lock); one that starts from a Last-Event-ID the channel does not hold in memory first
 * reads its backlog from Redis, page by page, and is handed over to the channel once it reached
 * what the channel holds, so nothing is missed or sent twice at the handover.
 */
final class StoryFollower {

    private final String storyId;
    private final Optional<StreamId> lastEventId;
    private final MultiEmitter<? super StreamEntry> emitter;
    private final EventFeed feed;
    private volatile StreamId cursor;
    private boolean live; // guarded by the channel

    StoryFollower(String storyId, Optional<StreamId> lastEventId, MultiEmitter<? super StreamEntry> emitter,
            EventFeed feed) {
        this.storyId = storyId;
        this.lastEventId = lastEventId;
        this.emitter = emitter;
        this.feed = feed;
    }

    Optional<StreamId> lastEventId() {
        return lastEventId;
    }

    /** The starting point is fixed: the first comment (from here on nothing is missed), then reload if needed. */
    void start(StreamId from, boolean reload) {
        cursor = from;
        emitter.emit(StreamEntry.heartbeat());
        if (reload) {
            emitter.emit(StreamEntry.reload(from.toString()));
        }
    }

    /** Joins the live feed, first sending what {@code recent} holds after the cursor. */
    void live(List<StoryChannel.Kept> recent) {
        live = true;
        offer(recent);
    }

    /** Sends the entries after the cursor, in order (a follower still catching up takes none). */
    void offer(List<StoryChannel.Kept> entries) {
        if (!live) {
            return;
        }
        for (StoryChannel.Kept kept : entries) {
            if (emitter.isCancelled()) {
                return;
            }
            if (kept.id().compareTo(cursor) > 0) {
                emitter.emit(kept.entry());
                cursor = kept.id();
            }
        }
    }

    /** Fixes the starting point with Redis, then reads the backlog until the channel covers the rest. */
    void catchUp(StoryChannel channel) {
        feed.startingPoint(storyId, lastEventId).subscribe().with(start -> {
            start(start.cursor(), start.reload());
            readOn(channel);
        }, this::fail);
    }

    private void readOn(StoryChannel channel) {
        if (emitter.isCancelled()) {
            return;
        }
        FeedSettings settings = feed.settings();
        settings.patiently(feed.buffer().after(storyId, cursor, settings.pageSize())).subscribe().with(entries -> {
            for (StreamEntry entry : entries) {
                emitter.emit(entry);
                cursor = StreamId.parse(entry.id()).orElseThrow();
            }
            if (entries.size() >= settings.pageSize() || !channel.handOver(this, cursor)) {
                readOn(channel);
            }
        }, this::fail);
    }

    void fail(Throwable failure) {
        emitter.fail(failure);
    }
}
