package io.taleforge.gateway.rest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.gateway.service.EventFeed;
import io.taleforge.gateway.service.OwnershipService;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;
import io.taleforge.testing.SseClient;

/**
 * Many browsers of one story cost Redis the same as one: each event is read once per story and
 * fanned out in memory (counted with Redis's own {@code INFO commandstats}), every browser gets
 * every event with the same ids, and a reconnect storm with a recent Last-Event-ID is served from
 * the newest entries the gateway holds, exactly what each browser missed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class StreamFanOutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BROWSERS = 20;
    private static KafkaProbe probe;

    private final String token = ReaderTokens.newToken();
    private final String story = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    EventFeed feed;

    @BeforeAll
    static void probe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @BeforeEach
    void ownership() {
        QuarkusMock.installMockForType(new OwnershipService(null, null) {
            @Override
            public void requireOwned(String storyId, String owner) {
                if (!storyId.equals(story)) {
                    throw ProblemException.notFound("story " + storyId);
                }
            }
        }, OwnershipService.class);
    }

    @Test
    void manyBrowsersCostOneReadPerEventAndTheirReconnectStormIsServedFromMemory() throws Exception {
        List<SseClient> browsers = openAll(Map.of("Last-Event-ID", "0-0"));
        String resumeFrom;
        try {
            long before = streamReads();
            IntStream.rangeClosed(1, 5).forEach(this::publish);
            browsers.forEach(sse -> awaitEvents(sse, 5));
            // one per event (the Pub/Sub echo of the local wake-up is free) plus slack for a safety poll;
            // a read per browser would be 100
            assertThat(streamReads() - before, lessThanOrEqualTo(8L));
            List<String> ids = browsers.get(0).events.stream().map(SseClient.Event::id).toList();
            browsers.forEach(sse -> assertThat(sse.events.stream().map(SseClient.Event::id).toList(), equalTo(ids)));
            resumeFrom = ids.get(2);
        } finally {
            browsers.forEach(SseClient::close);
        }
        // the gateway notices the closed connections at their next heartbeat and forgets the story
        Awaitility.await("browsers gone").atMost(WAIT).until(() -> feed.followers(story) == 0);

        long before = streamReads();
        List<SseClient> storm = openAll(Map.of("Last-Event-ID", resumeFrom));
        try {
            storm.forEach(sse -> awaitEvents(sse, 2));
            storm.forEach(sse -> assertThat(scenes(sse), contains(4, 5)));
            // the first browser back reads the newest entries once; the others are served from memory
            assertThat(streamReads() - before, lessThanOrEqualTo(3L));
        } finally {
            storm.forEach(SseClient::close);
        }
    }

    private List<SseClient> openAll(Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        List<SseClient> opened = new ArrayList<>();
        for (int i = 0; i < BROWSERS; i++) {
            opened.add(SseClient.open(base.resolve("/api/stories/" + story + "/events"), all));
        }
        opened.forEach(sse -> Awaitility.await("first comment").atMost(WAIT).until(() -> sse.comments.get() >= 1));
        return opened;
    }

    private void publish(int scene) {
        probe.send(Topics.IMAGE_STATUS, story, new ImageStatus(story, scene, 1, ImageStatus.Status.QUEUED, null, null,
                null, null, null, Instant.now()));
    }

    /** XRANGE and XREVRANGE calls Redis has served so far (its own count). */
    private long streamReads() {
        String stats = redis.execute("INFO", "commandstats").toString();
        return calls(stats, "cmdstat_xrange:") + calls(stats, "cmdstat_xrevrange:");
    }

    private static long calls(String stats, String command) {
        int at = stats.indexOf(command);
        if (at < 0) {
            return 0;
        }
        int from = stats.indexOf("calls=", at) + "calls=".length();
        return Long.parseLong(stats.substring(from, stats.indexOf(',', from)));
    }

    private static void awaitEvents(SseClient sse, int count) {
        Awaitility.await(count + " events").atMost(WAIT).until(() -> sse.events.size() >= count);
    }

    private static List<Integer> scenes(SseClient sse) {
        return sse.events.stream().map(e -> {
            try {
                return KafkaProbe.JSON.readTree(e.data()).path("sceneNumber").asInt();
            } catch (Exception x) {
                throw new AssertionError("not JSON: " + e.data(), x);
            }
        }).toList();
    }
}
