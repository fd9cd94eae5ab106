package io.taleforge.gateway.rest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.rest.ProblemException;
import io.taleforge.contracts.ApprovalStatus;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.gateway.service.EventBuffer;
import io.taleforge.gateway.service.OwnershipService;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.gateway.service.StreamId;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;
import io.taleforge.testing.SseClient;

/**
 * Live events against the real broker and the real Redis: events published on the topics reach
 * the SSE stream with the Redis entry id, the right event name and the record JSON; a reconnect
 * with Last-Event-ID gets exactly what was missed, in order, then the live feed. Ownership is
 * story-service's answer, replaced here by a fixed set of owned stories (it is covered for real
 * in the end-to-end test); everything else is the real gateway.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final StreamId START = StreamId.parse("0-0").orElseThrow();
    private static KafkaProbe probe;

    private final Set<String> owned = ConcurrentHashMap.newKeySet();
    private final String token = ReaderTokens.newToken();

    @TestHTTPResource("/")
    URI base;

    @jakarta.inject.Inject
    RedisDataSource redis;

    @jakarta.inject.Inject
    EventBuffer buffer;

    @jakarta.inject.Inject
    io.taleforge.gateway.service.EventFeed feed;

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
                if (!owner.equals(ReaderTokens.owner(token)) || !owned.contains(storyId)) {
                    throw ProblemException.notFound("story " + storyId);
                }
            }
        }, OwnershipService.class);
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyWhatWasMissedThenLive() throws Exception {
        String story = newStory();
        List<SseClient.Event> first;
        try (SseClient sse = open(story, Map.of(), "?lastEventId=0-0")) {
            awaitConnected(sse);
            IntStream.rangeClosed(1, 5).forEach(n -> publishImage(story, n));
            awaitEvents(sse, 5);
            first = new ArrayList<>(sse.events);
        }
        assertThat(scenes(first), contains(1, 2, 3, 4, 5));
        assertThat(names(first), everyItem(equalTo("image")));
        String lastSeen = first.get(2).id(); // the browser saw 1..3 before the connection dropped

        IntStream.rangeClosed(6, 8).forEach(n -> publishImage(story, n)); // while nobody listens
        awaitStreamLength(story, 8);

        try (SseClient sse = open(story, Map.of("Last-Event-ID", lastSeen), "")) {
            awaitEvents(sse, 5);
            IntStream.rangeClosed(9, 10).forEach(n -> publishImage(story, n)); // live again
            awaitEvents(sse, 7);
            List<SseClient.Event> second = new ArrayList<>(sse.events);
            assertThat(scenes(second), contains(4, 5, 6, 7, 8, 9, 10));
            assertEquals(first.get(3).id(), second.get(0).id(), "the same event keeps its id on replay");
            assertEquals(first.get(4).id(), second.get(1).id());
            assertIncreasingAndDistinct(second);
            // the query form, for clients that cannot set the header
            try (SseClient third = open(story, Map.of(), "?lastEventId=" + second.get(4).id())) {
                awaitEvents(third, 2);
                assertThat(scenes(third.events), contains(9, 10));
            }
        }
    }

    @Test
    void withoutLastEventIdOnlyWhatHappensFromNowOnIsSent() throws Exception {
        String story = newStory();
        publishImage(story, 1);
        awaitStreamLength(story, 1);
        try (SseClient sse = open(story, Map.of(), "")) {
            awaitConnected(sse);
            publishImage(story, 2);
            awaitEvents(sse, 1);
            assertThat(scenes(sse.events), contains(2));
        }
    }

    @Test
    void eventNamesFollowTheTopicAndAllApproved() throws Exception {
        String story = newStory();
        try (SseClient sse = open(story, Map.of(), "?lastEventId=0-0")) {
            awaitConnected(sse);
            probe.send(Topics.STORY_STATUS, story, new StoryStatus(story, StoryStatus.Status.SCENES_APPROVED, "A tale"));
            probe.send(Topics.APPROVAL_STATUS, story,
                    new ApprovalStatus(story, 3, 1, ApprovalStatus.Decision.APPROVED, 19, 20, false));
            probe.send(Topics.APPROVAL_STATUS, story,
                    new ApprovalStatus(story, 4, 1, ApprovalStatus.Decision.APPROVED, 20, 20, true));
            probe.send(Topics.STORY_STATUS, story, new StoryStatus(story, StoryStatus.Status.REGENERATION_REFUSED,
                    "A tale", new StoryStatus.Refusal(7, 2, "story-cap", new BigDecimal("0.07"), new BigDecimal("0.03"))));
            awaitEvents(sse, 4);
            // one story's events keep their order within a topic; across topics only the set is fixed
            assertThat(new HashSet<>(names(sse.events)),
                    equalTo(Set.of("story", "approval", "all-approved", "refused")));
            JsonNode refused = sse.events.stream().filter(e -> e.name().equals("refused"))
                    .map(e -> json(e.data())).findFirst().orElseThrow();
            assertThat(refused.at("/refusal/sceneNumber").asInt(), equalTo(7));
            assertThat(refused.at("/refusal/estimateUsd").decimalValue(), equalTo(new BigDecimal("0.07")));
            assertThat(refused.at("/refusal/leftUsd").decimalValue(), equalTo(new BigDecimal("0.03")));
            JsonNode allApproved = sse.events.stream().filter(e -> e.name().equals("all-approved"))
                    .map(e -> json(e.data())).findFirst().orElseThrow();
            assertThat(allApproved.path("approvedCount").asInt(), equalTo(20));
            assertThat(allApproved.path("storyId").asText(), equalTo(story));
        }
    }

    @Test
    void filmStatusReachesTheStoryStreamAsFilm() throws Exception {
        String story = newStory();
        try (SseClient sse = open(story, Map.of(), "?lastEventId=0-0")) {
            awaitConnected(sse);
            probe.send(Topics.FILM_STATUS, story, new FilmStatus(story, FilmStatus.FilmState.MAKING,
                    new FilmStatus.Item(FilmStatus.Kind.CLIP, 7, 1, FilmStatus.State.READY, "/media/film/c7.mp4", 5000L,
                            "local", "ffmpeg-zoompan", null), 1, 20, Instant.now()));
            awaitEvents(sse, 1);
            assertThat(names(sse.events), contains("film"));
            JsonNode film = json(sse.events.get(0).data());
            assertThat(film.at("/item/sceneNumber").asInt(), equalTo(7));
            assertThat(film.at("/item/state").asText(), equalTo("READY"));
            assertThat(film.path("readyCount").asInt(), equalTo(1));
        }
    }

    @Test
    void aFinalStatusThatComesAgainAfterAnotherIsNotDropped() throws Exception {
        // image-service gives a final status a stable CloudEvent id; if it generates an attempt
        // again (READY, GENERATING, READY), the browser must end with READY, not GENERATING
        String story = newStory();
        String readyId = UUID.randomUUID().toString();
        try (SseClient sse = open(story, Map.of(), "?lastEventId=0-0")) {
            awaitConnected(sse);
            probe.send(Topics.IMAGE_STATUS, story, image(story, 1, ImageStatus.Status.READY), readyId);
            probe.send(Topics.IMAGE_STATUS, story, image(story, 1, ImageStatus.Status.GENERATING));
            probe.send(Topics.IMAGE_STATUS, story, image(story, 1, ImageStatus.Status.READY), readyId);
            awaitEvents(sse, 3);
            assertThat(sse.events.stream().map(e -> json(e.data()).path("status").asText()).toList(),
                    contains("READY", "GENERATING", "READY"));
        }
    }

    @Test
    void theSameRecordAppendedByTwoInstancesIsKeptOnce() {
        String story = newStory();
        EventBuffer.AppendKey at = new EventBuffer.AppendKey("image-status-3@42", "ce-1", "image-status:1");
        assertThat(buffer.append(story, at, "image", "{}").await().atMost(WAIT).isPresent(), equalTo(true));
        assertThat(buffer.append(story, at, "image", "{}").await().atMost(WAIT).isPresent(), equalTo(false));
        assertThat(buffer.after(story, START, 10).await().atMost(WAIT), hasSize(1));
    }

    @Test
    void aRecordSentTwiceWithTheSameCloudEventIdReachesTheStreamOnce() throws Exception {
        // a producer that re-sends after a crash (an outbox relay) writes the same event at a new offset
        String story = newStory();
        String id = UUID.randomUUID().toString();
        try (SseClient sse = open(story, Map.of(), "?lastEventId=0-0")) {
            awaitConnected(sse);
            probe.send(Topics.IMAGE_STATUS, story, image(story, 1, ImageStatus.Status.READY), id);
            probe.send(Topics.IMAGE_STATUS, story, image(story, 1, ImageStatus.Status.READY), id);
            publishImage(story, 2); // a marker after both: once it arrives, both copies were handled
            awaitEvents(sse, 2);
            assertThat(scenes(sse.events), contains(1, 2));
        }
        assertThat(buffer.after(story, START, 10).await().atMost(WAIT), hasSize(2));
    }

    @Test
    void aRedeliveryOfAWholeSequenceAddsNothing() {
        // a rebalance hands records already appended to another instance: READY, GENERATING, READY again
        String story = newStory();
        List<EventBuffer.AppendKey> sequence = List.of(
                new EventBuffer.AppendKey("image-status-0@7", "ready-1", "image-status:1"),
                new EventBuffer.AppendKey("image-status-0@8", "generating-1", "image-status:1"),
                new EventBuffer.AppendKey("image-status-0@9", "ready-1", "image-status:1"));
        List<Boolean> first = sequence.stream()
                .map(at -> buffer.append(story, at, "image", "{}").await().atMost(WAIT).isPresent()).toList();
        List<Boolean> again = sequence.stream()
                .map(at -> buffer.append(story, at, "image", "{}").await().atMost(WAIT).isPresent()).toList();
        assertThat(first, contains(true, true, true));
        assertThat(again, contains(false, false, false));
        assertThat(buffer.after(story, START, 10).await().atMost(WAIT), hasSize(3));
    }

    @Test
    void theLargestIdReplaysNothingAndTellsTheClientToReload() throws Exception {
        String story = newStory();
        IntStream.rangeClosed(1, 3).forEach(n -> publishImage(story, n));
        awaitStreamLength(story, 3);
        String largest = "18446744073709551615-18446744073709551615";
        try (SseClient sse = open(story, Map.of("Last-Event-ID", largest), "")) {
            awaitEvents(sse, 1);
            publishImage(story, 4);
            awaitEvents(sse, 2);
            assertThat(names(sse.events), contains("reload", "image"));
            assertThat(json(sse.events.get(1).data()).path("sceneNumber").asInt(), equalTo(4));
        }
    }

    @Test
    void aBufferEmptiedByARedisRestartSendsReloadAndSaysSoInTheLog() throws Exception {
        String story = newStory();
        IntStream.rangeClosed(1, 2).forEach(n -> publishImage(story, n));
        awaitStreamLength(story, 2);
        String seen = buffer.lastId(story).await().atMost(WAIT).toString();
        redis.key().del(buffer.key(story)); // what a Redis restart without persistence leaves
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.taleforge.gateway.service.EventFeed");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try (SseClient sse = open(story, Map.of("Last-Event-ID", seen), "")) {
            awaitEvents(sse, 1);
            assertThat(names(sse.events), contains("reload"));
            Awaitility.await().atMost(WAIT).until(() -> logged.stream().anyMatch(l -> l.contains(story)));
            assertThat(logged.stream().filter(l -> l.contains(story)).findFirst().orElseThrow(),
                    org.hamcrest.Matchers.containsString("replay buffer lost events"));
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void theStreamIsCappedAndExpires() {
        String story = newStory();
        publishImage(story, 1);
        awaitStreamLength(story, 1);
        String key = "taleforge:events:{" + story + "}";
        long ttl = redis.key().ttl(key);
        assertThat(ttl, greaterThan(0L));
        assertThat(ttl, lessThanOrEqualTo(Duration.ofDays(7).toSeconds()));
        assertThat(redis.stream(String.class).xrange(key, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+")),
                hasSize(1));
    }

    @Test
    void heartbeatsAreSentAsComments() throws Exception {
        String story = newStory();
        try (SseClient sse = open(story, Map.of(), "")) {
            assertThat(sse.contentType, startsWith("text/event-stream"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sse.comments.get() >= 3);
            assertThat(sse.events, hasSize(0));
        }
    }

    /**
     * Many browsers of one story cost Redis the same as one: each event is read once per story and
     * fanned out in memory (counted with Redis's own {@code INFO commandstats}); a reconnect storm
     * with a recent Last-Event-ID is served from the newest entries the gateway holds.
     */
    @Test
    void manyBrowsersCostOneReadPerEventAndTheirReconnectStormIsServedFromMemory() throws Exception {
        String story = newStory();
        List<SseClient> browsers = openMany(story, "0-0");
        String resumeFrom;
        try {
            long before = streamReads();
            IntStream.rangeClosed(1, 5).forEach(n -> publishImage(story, n));
            browsers.forEach(sse -> awaitEvents(sse, 5));
            // one per event (the Pub/Sub echo of the local wake-up is free) plus slack for a safety
            // poll; a read per browser would be 100
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
        List<SseClient> storm = openMany(story, resumeFrom);
        try {
            storm.forEach(sse -> awaitEvents(sse, 2));
            storm.forEach(sse -> assertThat(scenes(sse.events), contains(4, 5)));
            // the first browser back reads the newest entries once; the others are served from memory
            assertThat(streamReads() - before, lessThanOrEqualTo(3L));
        } finally {
            storm.forEach(SseClient::close);
        }
    }

    private List<SseClient> openMany(String story, String lastEventId) throws Exception {
        List<SseClient> opened = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            opened.add(open(story, Map.of("Last-Event-ID", lastEventId), ""));
        }
        opened.forEach(EventStreamTest::awaitConnected);
        return opened;
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

    @Test
    void anotherReadersStoryIs404() throws Exception {
        String story = UUID.randomUUID().toString(); // not owned
        try (SseClient sse = open(story, Map.of(), "")) {
            assertEquals(404, sse.status);
            assertThat(sse.contentType, startsWith("application/problem+json"));
        }
    }

    private String newStory() {
        String story = UUID.randomUUID().toString();
        owned.add(story);
        return story;
    }

    private SseClient open(String story, Map<String, String> headers, String query) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return SseClient.open(base.resolve("/api/stories/" + story + "/events" + query), all);
    }

    private static void awaitConnected(SseClient sse) {
        assertEquals(200, sse.status);
        Awaitility.await("first comment").atMost(WAIT).until(() -> sse.comments.get() >= 1);
    }

    private static void awaitEvents(SseClient sse, int count) {
        Awaitility.await(count + " events").atMost(WAIT).until(() -> sse.events.size() >= count);
    }

    private void awaitStreamLength(String story, int length) {
        Awaitility.await("stream of " + story).atMost(WAIT)
                .until(() -> buffer.after(story, START, 1000).await().atMost(WAIT).size() >= length);
    }

    private static void publishImage(String story, int scene) {
        probe.send(Topics.IMAGE_STATUS, story, image(story, scene));
    }

    private static ImageStatus image(String story, int scene) {
        return image(story, scene, ImageStatus.Status.QUEUED);
    }

    private static ImageStatus image(String story, int scene, ImageStatus.Status status) {
        return new ImageStatus(story, scene, 1, status, null, null, null, null, null, Instant.now());
    }

    private static List<Integer> scenes(List<SseClient.Event> events) {
        return events.stream().map(e -> json(e.data()).path("sceneNumber").asInt()).toList();
    }

    private static List<String> names(List<SseClient.Event> events) {
        return events.stream().map(SseClient.Event::name).toList();
    }

    private static void assertIncreasingAndDistinct(List<SseClient.Event> events) {
        for (int i = 1; i < events.size(); i++) {
            String[] a = events.get(i - 1).id().split("-");
            String[] b = events.get(i).id().split("-");
            int order = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
            if (order == 0) {
                order = Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]));
            }
            assertThat("ids increase: " + events, order, equalTo(-1));
        }
    }

    private static JsonNode json(String data) {
        try {
            return KafkaProbe.JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + data, e);
        }
    }
}
