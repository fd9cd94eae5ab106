package io.taleforge.gateway.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.taleforge.gateway.config.GatewayConfig;

/**
 * The live feed of one story for one browser, read through the story's Redis stream itself. Each
 * followed story has one {@link StoryChannel} on this instance that reads the stream once per
 * wake-up and fans the entries out in memory to its {@link StoryFollower}s; each follower keeps a
 * cursor (the last entry id it delivered). Backlog and live events take the same ids, so a
 * reconnect with {@code Last-Event-ID} gets exactly what it missed, in order, then the live feed,
 * with no gap at the handover and no duplicate.
 *
 * <p>It is woken by this instance's consumer right after an append and by the Pub/Sub wake-up
 * (every append by any instance); heartbeats touch no Redis. No Redis connection is held per browser,
 * and no reactive chain either: frames go from the channel to each browser's {@link FeedSink} on its
 * event loop.
 */
@ApplicationScoped
public class EventFeed {

    private final EventBuffer buffer;
    private final GatewayConfig config;
    private final FeedSettings settings;
    private final Map<String, StoryChannel> channels = new ConcurrentHashMap<>();
    private volatile Cancellable heartbeats;

    public EventFeed(EventBuffer buffer, GatewayConfig config) {
        this.buffer = buffer;
        this.config = config;
        this.settings = FeedSettings.of(config.events());
    }

    /**
     * Writes the story's events after {@code lastEventId} (or, without one, from now on) to the
     * browser, then live, with a heartbeat every {@code heartbeat}. The first frame is a heartbeat,
     * written once the starting point is fixed. When the buffer no longer holds {@code lastEventId}
     * (trimmed, expired, or Redis lost it), what came in between cannot be replayed: the first event
     * is then {@code reload}, telling the client to read the whole state again, and the feed goes on
     * from the newest entry. Returns what makes the browser leave (a write refused does it too).
     */
    public Runnable follow(String storyId, Optional<StreamId> lastEventId, FeedSink sink) {
        StoryFollower follower = new StoryFollower(storyId, lastEventId, sink, this);
        StoryChannel channel = channels.computeIfAbsent(storyId, id -> new StoryChannel(id, buffer, settings));
        follower.joining(channel);
        while (!channel.join(follower)) { // its last follower left meanwhile
            channels.remove(storyId, channel);
            channel = channels.computeIfAbsent(storyId, id -> new StoryChannel(id, buffer, settings));
            follower.joining(channel);
        }
        channel.prime();
        return follower::leave;
    }

    /** One heartbeat round for every followed story: one task per event loop per story, no Redis. */
    void startHeartbeats(@Observes StartupEvent start) {
        heartbeats = Multi.createFrom().ticks().every(config.events().heartbeat())
                .onOverflow().drop()
                .subscribe().with(tick -> channels.values().forEach(StoryChannel::heartbeat),
                        failure -> Log.errorf(failure, "heartbeats stopped"));
    }

    @PreDestroy
    void stopHeartbeats() {
        if (heartbeats != null) {
            heartbeats.cancel();
        }
    }

    /** Where a follower starts that memory cannot place, and the reload it must send first when the buffer has a gap. */
    Uni<Start> startingPoint(String storyId, Optional<StreamId> lastEventId) {
        if (lastEventId.isEmpty()) {
            return settings.patiently(buffer.lastId(storyId)).map(last -> new Start(last, false));
        }
        StreamId from = lastEventId.get();
        if (from.isStart()) {
            return Uni.createFrom().item(new Start(from, false));
        }
        return settings.patiently(buffer.holds(storyId, from)).chain(held -> held
                ? Uni.createFrom().item(new Start(from, false))
                : settings.patiently(buffer.lastId(storyId)).invoke(last -> Log.warnf(
                        "replay buffer lost events storyId=%s lastEventId=%s newest=%s: client told to reload the state",
                        storyId, from, last)).map(last -> new Start(last, true)));
    }

    record Start(StreamId cursor, boolean reload) {
    }

    FeedSettings settings() {
        return settings;
    }

    EventBuffer buffer() {
        return buffer;
    }

    /** The story's stream grew, to an entry not known here: its channel reads what is new, once. */
    public void wake(String storyId) {
        wake(storyId, null);
    }

    /** The story's stream grew to {@code entry}: its channel reads, unless it has read that far already. */
    public void wake(String storyId, StreamId entry) {
        StoryChannel channel = channels.get(storyId);
        if (channel != null) {
            channel.wake(entry);
        }
    }

    /** Every followed story reads once (the safety net for a wake-up lost while Pub/Sub reconnected). */
    public void wakeAll() {
        channels.values().forEach(channel -> channel.wake(null));
    }

    /** Browsers currently following the story on this instance. */
    public int followers(String storyId) {
        StoryChannel channel = channels.get(storyId);
        return channel == null ? 0 : channel.size();
    }

    /** Browsers following any story on this instance (the gauge {@code taleforge_sse_clients}). */
    public int followers() {
        return channels.values().stream().mapToInt(StoryChannel::size).sum();
    }

    /** Stories followed on this instance. */
    public int stories() {
        return channels.size();
    }

    void forget(StoryChannel channel, StoryFollower follower) {
        if (channel.leave(follower)) {
            channels.remove(channel.storyId(), channel);
        }
    }
}
