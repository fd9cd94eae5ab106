package io.taleforge.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.smallrye.mutiny.Uni;
import io.taleforge.gateway.config.GatewayConfig;
import io.taleforge.gateway.model.StreamEntry;

/**
 * The replay buffer: one capped Redis stream per story ({@code taleforge:events:{<storyId>}},
 * {@code XADD MAXLEN ~}, with a TTL renewed on every event). Its entry ids are the SSE ids.
 *
 * <p>Every gateway instance consumes every event, so all of them try to append it: a Lua script
 * adds the event's id to a per-story set and appends only when the id is new, atomically, so the
 * stream holds each event once whatever the number of instances (and a Kafka redelivery is
 * dropped too).
 */
@ApplicationScoped
public class EventBuffer {

    /** The stream entry id format {@code <ms>-<seq>}. */
    public static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

    static final String APPEND_ONCE = """
            if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then
              return false
            end
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[3], 'data', ARGV[4])
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            redis.call('EXPIRE', KEYS[2], ARGV[5])
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

    public String key(String storyId) {
        return config.events().keyPrefix() + "{" + storyId + "}";
    }

    /** Appends the event unless an event with this id was appended before; the new entry id if appended. */
    public Uni<Optional<String>> append(String storyId, String eventId, String event, String data) {
        String key = key(storyId);
        GatewayConfig.Events settings = config.events();
        return redis.execute("EVAL", APPEND_ONCE, "2", key, key + ":seen", eventId,
                Integer.toString(settings.maxLength()), event, data, Long.toString(settings.ttl().toSeconds()))
                .map(response -> response == null ? Optional.<String>empty() : Optional.of(response.toString()));
    }

    /** Up to {@code count} entries strictly after {@code cursor}, in order. */
    public Uni<List<StreamEntry>> after(String storyId, String cursor, int count) {
        return streams.xrange(key(storyId), StreamRange.of(next(cursor), "+"), count)
                .map(EventBuffer::entries);
    }

    /** The id of the newest entry, or {@code 0-0} when the story has none. */
    public Uni<String> lastId(String storyId) {
        return redis.execute("XREVRANGE", key(storyId), "+", "-", "COUNT", "1")
                .map(response -> {
                    if (response == null || response.size() == 0) {
                        return "0-0";
                    }
                    return response.get(0).get(0).toString();
                });
    }

    /** The smallest id greater than {@code id}: XRANGE's start is inclusive, so this makes it exclusive. */
    static String next(String id) {
        int dash = id.indexOf('-');
        long ms = Long.parseUnsignedLong(id.substring(0, dash));
        long seq = Long.parseUnsignedLong(id.substring(dash + 1));
        return seq == -1L ? Long.toUnsignedString(ms + 1) + "-0" : Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq + 1);
    }

    private static List<StreamEntry> entries(List<StreamMessage<String, String, String>> messages) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> m : messages) {
            entries.add(new StreamEntry(m.id(), m.payload().get("event"), m.payload().get("data")));
        }
        return entries;
    }
}
