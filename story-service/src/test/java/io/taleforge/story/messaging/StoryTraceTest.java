package io.taleforge.story.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.service.StoryService;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * One trace id from the reader's request through the outbox and Kafka, and from a consumed record
 * through the outbox and Kafka again, with the spans kept in memory: the request's trace (the
 * gateway's {@code traceparent}) is on the scene-approved record the relay publishes later, and
 * a traced image-rejected record's trace is on the new attempt's scene-approved record.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class StoryTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProbe probe;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void openProbe() {
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_APPROVED);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void theReadersRequestAndAConsumedRecordEachLeadOneTraceThroughTheOutboxToKafka() {
        String owner = TestStories.owner();
        String storyId = TestStories.create(owner);
        String request = randomHex(16);
        given().header(TestStories.OWNER_HEADER, owner).header(TraceContext.TRACEPARENT, traceparent(request))
                .when().post("/stories/{id}/approve-scenes", storyId).then().statusCode(202);

        Received portrait = probe.await(Topics.SCENE_APPROVED, KafkaProbe.ofStory(storyId), 1, WAIT).get(0);
        assertEquals(request, traceIdOf(portrait), "the approving request's trace is on the record");
        await("the request's server and producer spans").atMost(WAIT)
                .until(() -> kinds(request).containsAll(Set.of(SpanKind.SERVER, SpanKind.PRODUCER)));

        StoryService stories = Arc.container().instance(StoryService.class).get();
        stories.portraitApproved(UUID.fromString(storyId), 1, TestStories.portraitUrl(storyId));
        String rejection = randomHex(16);
        probe.send(Topics.IMAGE_REJECTED, storyId, new ImageRejected(storyId, 3, 1, "a pink sky"),
                UUID.randomUUID().toString(), Map.of(TraceContext.TRACEPARENT, traceparent(rejection)));

        Received retry = probe.await(Topics.SCENE_APPROVED, r -> KafkaProbe.ofStory(storyId).test(r)
                && r.as(SceneApproved.class).sceneNumber() == 3 && r.as(SceneApproved.class).attempt() == 2, 1, WAIT)
                .get(0);
        assertEquals(rejection, traceIdOf(retry), "the consumed record's trace is on the new attempt");
        await("the consumer and producer spans").atMost(WAIT)
                .until(() -> kinds(rejection).containsAll(Set.of(SpanKind.CONSUMER, SpanKind.PRODUCER)));
    }

    private Set<SpanKind> kinds(String traceId) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream().filter(s -> s.getTraceId().equals(traceId)).map(SpanData::getKind)
                .collect(Collectors.toSet());
    }

    private static String traceIdOf(Received record) {
        String header = record.header(TraceContext.TRACEPARENT);
        assertNotNull(header, "a traceparent header on " + record.topic());
        return header.split("-")[1];
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
