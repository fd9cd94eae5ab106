package io.taleforge.e2e;

import static io.taleforge.e2e.StoryJourneyIT.answers;
import static io.taleforge.e2e.StoryJourneyIT.assertIncreasing;
import static io.taleforge.e2e.StoryJourneyIT.connected;
import static io.taleforge.e2e.StoryJourneyIT.ids;
import static io.taleforge.e2e.StoryJourneyIT.json;
import static io.taleforge.e2e.StoryJourneyIT.readyScenes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.SseClient;

/**
 * Gateways die mid-batch and nothing is lost on the stream: a private stack with two gateway
 * instances in one consumer group. First every gateway is killed (SIGKILL) for over 10 s while
 * images keep coming, one comes back, and a client that reconnects with its last id gets every
 * event it missed, none twice. Then one of two gateways is killed: a client moves to the other
 * with its last id, and ends with exactly what a client of the surviving gateway saw. Both are
 * compared with what Kafka holds for the story, record by record.
 */
@ExtendWith(SharedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFailoverIT {

    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration BATCH = Duration.ofMinutes(5);
    private static final Duration DOWN = Duration.ofSeconds(10);
    private static final Map<String, String> TOPIC_OF_EVENT = Map.of("story", Topics.STORY_STATUS,
            "scene", Topics.SCENE_WRITTEN, "image", Topics.IMAGE_STATUS, "approval", Topics.APPROVAL_STATUS, "all-approved", Topics.APPROVAL_STATUS);

    private static Stack stack;
    private static KafkaProbe probe;

    @BeforeAll
    static void up(Stack shared) {
        stack = shared;
        probe = new KafkaProbe(stack.infra.kafkaBootstrapServers(), Topics.STORY_STATUS, Topics.SCENE_WRITTEN,
                Topics.IMAGE_STATUS, Topics.APPROVAL_STATUS);
    }

    @AfterAll
    static void down() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    @Order(1)
    void everyGatewayDownForTenSecondsMidBatchLosesNothing() {
        Reader alice = Reader.browser(stack.gateway(1));
        String id = newStory(alice);
        SseClient first = connected(alice.events(id, Optional.of("0-0")));
        approve(alice, id);

        Awaitility.await("a first READY").atMost(BATCH).until(() -> readyScenes(first.events, 1) >= 1);
        stack.service("gateway").kill();
        stack.service("gateway-2").kill();
        first.close();
        List<SseClient.Event> before = new ArrayList<>(first.events);
        int readyBefore = readyScenes(before, 1);
        int recordsAtKill = probe.forStory(Topics.IMAGE_STATUS, id).size();
        long downSince = System.nanoTime();
        System.out.printf("e2e: both gateways killed with %d of 20 READY seen; the client had %d events%n",
                readyBefore, before.size());
        // down for at least 10 s, and until the pipeline has published something nobody consumed
        Awaitility.await("10 s down, with new image statuses").atMost(STEP).pollInterval(Duration.ofMillis(200))
                .until(() -> System.nanoTime() - downSince >= DOWN.toNanos()
                        && probe.forStory(Topics.IMAGE_STATUS, id).size() > recordsAtKill);
        stack.service("gateway").launch();
        stack.service("gateway").awaitReady(Stack.READY);

        Reader back = alice.at(stack.gateway(1));
        SseClient resumed = back.events(id, Optional.of(before.get(before.size() - 1).id()));
        assertEquals(200, resumed.status);
        List<SseClient.Event> seen = awaitWholeStory(id, () -> join(before, resumed.events));
        resumed.close();
        assertTrue(readyBefore < 20, "the gateways must die mid-batch; they died with " + readyBefore + " READY");
        assertSameAsKafka(id, seen);
        System.out.printf("e2e: after 10 s without any gateway the client got %d missed events, none twice%n",
                seen.size() - before.size());
    }

    @Test
    @Order(2)
    void oneOfTwoGatewaysKilledMidBatchLosesNothing() {
        stack.service("gateway-2").launch();
        stack.service("gateway-2").awaitReady(Stack.READY);
        Reader onOne = Reader.browser(stack.gateway(1));
        String id = newStory(onOne);
        Reader onTwo = onOne.at(stack.gateway(2));
        SseClient moving = connected(onOne.events(id, Optional.of("0-0")));
        SseClient staying = connected(onTwo.events(id, Optional.of("0-0")));
        approve(onOne, id);

        Awaitility.await("a first READY").atMost(BATCH).until(() -> readyScenes(moving.events, 1) >= 1);
        stack.service("gateway").kill();
        moving.close();
        List<SseClient.Event> before = new ArrayList<>(moving.events);
        int readyBefore = readyScenes(before, 1);
        SseClient moved = onTwo.events(id, Optional.of(before.get(before.size() - 1).id()));
        assertEquals(200, moved.status);

        List<SseClient.Event> reference = awaitWholeStory(id, () -> new ArrayList<>(staying.events));
        List<SseClient.Event> seen = awaitWholeStory(id, () -> join(before, moved.events));
        moved.close();
        staying.close();
        assertTrue(readyBefore < 20, "gateway 1 must die mid-batch; it died with " + readyBefore + " READY");
        assertEquals(ids(reference), ids(seen), "the moved client saw exactly what the other gateway's client saw");
        assertSameAsKafka(id, reference);
        System.out.printf("e2e: gateway 1 killed with %d READY; the client moved to gateway 2 and got the %d missed"
                + " events, none twice%n", readyBefore, seen.size() - before.size());
    }

    private static String newStory(Reader reader) {
        Reader.Answer quiz = reader.get("/api/quiz");
        assertEquals(200, quiz.status(), () -> "quiz: " + quiz.body());
        return reader.createStory(answers(quiz.body()), Duration.ofSeconds(60));
    }

    /** The scenes approved, then the hero's portrait: the 20 scenes' pictures start. */
    private static void approve(Reader reader, String id) {
        Reader.Answer approve = reader.post("/api/stories/" + id + "/approve-scenes", "");
        assertEquals(202, approve.status(), () -> "approve-scenes: " + approve.body());
        reader.approvePortrait(id, null, BATCH);
    }

    /**
     * Waits until Kafka has the whole batch (the portrait and the 20 scenes READY and PENDING) and
     * the client as many events as the buffer should.
     */
    private static List<SseClient.Event> awaitWholeStory(String id, java.util.function.Supplier<List<SseClient.Event>> client) {
        Awaitility.await("21 READY and 21 PENDING on Kafka").atMost(BATCH).pollInterval(Duration.ofMillis(250))
                .until(() -> count(id, Topics.IMAGE_STATUS, "status", "READY") >= 21
                        && count(id, Topics.APPROVAL_STATUS, "decision", "PENDING") >= 21);
        int expected = expected(id).values().stream().mapToInt(List::size).sum();
        return Awaitility.await(expected + " events at the client").atMost(STEP).pollInterval(Duration.ofMillis(250))
                .until(client::get, events -> events.size() >= expected);
    }

    /** The client's events, per topic, are exactly the story's records in Kafka, in order, once each. */
    private static void assertSameAsKafka(String id, List<SseClient.Event> seen) {
        assertEquals(seen.size(), new HashSet<>(ids(seen)).size(), "no event twice: " + ids(seen));
        assertIncreasing(seen);
        Map<String, List<JsonNode>> byTopic = new HashMap<>();
        for (SseClient.Event e : seen) {
            byTopic.computeIfAbsent(TOPIC_OF_EVENT.get(e.name()), t -> new ArrayList<>()).add(json(e.data()));
        }
        Map<String, List<JsonNode>> expected = expected(id);
        for (String topic : expected.keySet()) {
            assertEquals(expected.get(topic), byTopic.getOrDefault(topic, List.of()), "the events of " + topic);
        }
    }

    /**
     * What the replay buffer must hold: every record of the story per topic, in offset order, a
     * re-sent CloudEvent id dropped unless its scene moved on since (the gateway's rule).
     */
    private static Map<String, List<JsonNode>> expected(String id) {
        Map<String, List<JsonNode>> expected = new HashMap<>();
        for (String topic : List.of(Topics.STORY_STATUS, Topics.SCENE_WRITTEN, Topics.IMAGE_STATUS,
                Topics.APPROVAL_STATUS)) {
            Set<String> seenIds = new HashSet<>();
            Map<String, String> latest = new HashMap<>();
            List<JsonNode> kept = new ArrayList<>();
            for (KafkaProbe.Received r : probe.forStory(topic, id)) {
                JsonNode data = json(r.value());
                String ce = r.header("ce_id");
                String slot = data.has("sceneNumber") ? data.path("sceneNumber").asText() : "-";
                if (!seenIds.add(ce) && ce.equals(latest.get(slot))) {
                    continue;
                }
                latest.put(slot, ce);
                kept.add(data);
            }
            expected.put(topic, kept);
        }
        return expected;
    }

    private static long count(String id, String topic, String field, String value) {
        return probe.forStory(topic, id).stream().filter(r -> json(r.value()).path(field).asText().equals(value))
                .map(r -> json(r.value()).path("sceneNumber").asInt()).distinct().count();
    }

    private static List<SseClient.Event> join(List<SseClient.Event> a, List<SseClient.Event> b) {
        List<SseClient.Event> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
