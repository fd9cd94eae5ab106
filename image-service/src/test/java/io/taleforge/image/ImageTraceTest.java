package io.taleforge.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.tracing.TraceContext;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.service.GenerationService;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.KafkaProbe.Received;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * The scene-approved record's trace reaches the provider call although a worker runs the job
 * later on its own thread: the job stores its consumer's traceparent, and the worker makes it
 * current around the generation, so the call's journal row and the image-status records carry
 * the record's trace id. (Same boot as {@link ImagePipelineTest}; the SDK is on in tests.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ImageTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static KafkaProbe probe;
    private static String topic;

    @BeforeAll
    static void openProbe() {
        topic = ConfigProvider.getConfig().getValue("taleforge.image.consumer.topic", String.class);
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS);
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void aTracedSceneApprovedRecordLeadsItsTraceToTheProviderCallAndTheImageStatus() {
        String story = UUID.randomUUID().toString();
        String trace = randomHex(16);
        SceneApproved event = ImagePipelineTest.scene(story, 2, 1, "Rufus follows the lantern light");
        probe.send(topic, story, event, UUID.randomUUID().toString(),
                Map.of(TraceContext.TRACEPARENT, "00-" + trace + "-" + randomHex(8) + "-01"));

        Received ready = probe.await(Topics.IMAGE_STATUS, r -> story.equals(r.key())
                && r.as(ImageStatus.class).status() == ImageStatus.Status.READY, 1, WAIT).get(0);
        String header = ready.header(TraceContext.TRACEPARENT);
        assertNotNull(header, "a traceparent header on the READY image-status");
        assertEquals(trace, header.split("-")[1], "the record's trace is on its READY image-status");

        List<String> traceIds = given().get("/operations?storyId=" + story + "&operation="
                + GenerationService.OP_GENERATE + "&limit=10").then().statusCode(200)
                .extract().jsonPath().getList("traceId", String.class);
        assertEquals(List.of(trace), traceIds, "the provider call's journal row is in the record's trace");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
