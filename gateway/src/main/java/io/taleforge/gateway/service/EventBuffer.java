package io.taleforge.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.gateway.model.StreamEntry;

/**
 * The replay buffer: one capped Redis stream per story ({@code taleforge:events:{<storyId>}},
 * {@code XADD MAXLEN ~}, with a TTL renewed on every event). Its entry ids are the SSE ids.
 *
 * <p>The append is idempotent, in one Lua script (atomic, so two gateways or a redelivery can
 * never both append): a Kafka record seen before (its topic, partition and offset) is dropped; a
 * CloudEvent id seen before is dropped too, unless the scene has moved on since (a final status
 * that comes again after a GENERATING must reach the browser, or it would be left with the older
 * state). The script then publishes {@code <storyId> <entryId>} on {@link #wakeChannel()}: each
 * instance wakes its own browsers of that story, whichever instance consumed the record.
 */
@ApplicationScoped
public class EventBuffer {

    /** The id before every entry: resuming from it replays everything kept. */
    public static final String START = "0-0";

    static final String APPEND_ONCE = """
            if redis.call('SADD', KEYS[2], 'at:' .. ARGV[1]) == 0 then
              return false
            end
            local known = redis.call('SADD', KEYS[2], 'ce:' .. ARGV[2]) == 0
            redis.call('EXPIRE', KEYS[2], ARGV[7])
            if known and redis.call('HGET', KEYS[3], ARGV[3]) == ARGV[2] then
              return false
            end
            redis.call('HSET', KEYS[3], ARGV[3], ARGV[2])
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[5], 'data', ARGV[6])
            redis.call('EXPIRE', KEYS[1], ARGV[7])
            redis.call('EXPIRE', KEYS[3], ARGV[7])
            redis.call('PUBLISH', ARGV[8], ARGV[9] .. ' ' .. id)
            return id
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final GatewayConfig config;

    public EventBuffer(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.config = config;
    }

    /** The Pub/Sub channel on which every append names its story, so every instance wakes its browsers. */
    public String wakeChannel() {
        return config.events().keyPrefix() + "wake";
    }

    public String key(String storyId) {
        return config.events().keyPrefix() + "{" + storyId + "}";
    }

    /**
     * Appends the event once; the new entry id if appended, empty if it was there already.
     *
     * @param record the Kafka record's coordinates ({@code topic-partition@offset}), the same on every instance
     * @param eventId the CloudEvent id
     * @param slot what the event is the state of (e.g. {@code image-status:7}, scene 7's image)
     */
    public Uni<Optional<String>> append(String storyId, AppendKey at, String event, String data) {
        String key = key(storyId);
        GatewayConfig.Events settings = config.events();
        return redis.execute("EVAL", APPEND_ONCE, "3", key, key + ":seen", key + ":latest",
                at.record(), at.eventId(), at.slot(), Integer.toString(settings.maxLength()), event, data,
                Long.toString(settings.ttl().toSeconds()), wakeChannel(), storyId)
                .map(response -> response == null ? Optional.<String>empty() : Optional.of(response.toString()));
    }

    /** Names one event for the idempotent append: its record, its CloudEvent id, the state it is of. */
    public record AppendKey(String record, String eventId, String slot) {
    }

    /** Up to {@code count} entries strictly after {@code cursor}, in order; none after the largest id. */
    public Uni<List<StreamEntry>> after(String storyId, StreamId cursor, int count) {
        Optional<StreamId> next = cursor.next();
        if (next.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return streams.xrange(key(storyId), StreamRange.of(next.get().toString(), "+"), count)
                .map(EventBuffer::entries);
    }

    /** Whether the stream still holds the entry {@code id} (false once trimmed, expired or lost). */
    public Uni<Boolean> holds(String storyId, StreamId id) {
        return streams.xrange(key(storyId), StreamRange.of(id.toString(), id.toString()), 1)
                .map(found -> !found.isEmpty());
    }

    /** The newest {@code count} entries, oldest first (fewer when the stream holds fewer). */
    public Uni<List<StreamEntry>> newest(String storyId, int count) {
        return redis.execute("XREVRANGE", key(storyId), "+", "-", "COUNT", Integer.toString(count))
                .map(response -> {
                    List<StreamEntry> entries = new ArrayList<>();
                    if (response != null) {
                        for (Response entry : response) {
                            entries.add(0, entry(entry.get(0).toString(), entry.get(1)));
                        }
                    }
                    return entries;
                });
    }

    private static StreamEntry entry(String id, Response fields) {
        String event = null;
        String data = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String name = fields.get(i).toString();
            if (name.equals("event")) {
                event = fields.get(i + 1).toString();
            } else if (name.equals("data")) {
                data = fields.get(i + 1).toString();
            }
        }
        return new StreamEntry(id, event, data);
    }

    /** The id of the newest entry, or {@code 0-0} when the story has none. */
    public Uni<StreamId> lastId(String storyId) {
        return redis.execute("XREVRANGE", key(storyId), "+", "-", "COUNT", "1")
                .map(response -> {
                    if (response == null || response.size() == 0) {
                        return StreamId.parse(START).orElseThrow();
                    }
                    return StreamId.parse(response.get(0).get(0).toString()).orElseThrow();
                });
    }

    private static List<StreamEntry> entries(List<StreamMessage<String, String, String>> messages) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            entries.add(new StreamEntry(m.id(), m.payload().get("event"), m.payload().get("data")));
        }
        return entries;
    }
}
