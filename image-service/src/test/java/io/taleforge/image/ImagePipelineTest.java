package io.taleforge.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.contracts.Topics;
import io.taleforge.image.config.ImageConfig;
import io.taleforge.image.provider.ScriptedImageProvider;
import io.taleforge.image.provider.ScriptedImageProvider.Step;
import io.taleforge.image.repository.ImageJobRepository;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;
import io.taleforge.testing.Scrape;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The whole pipeline against the real broker and Redis: scene-approved records in, image-status
 * records, stored PNGs, job rows and journal rows out. The provider is the local renderer behind
 * the test-only {@link ScriptedImageProvider}, which fails where a test scripts it to.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ImagePipelineTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static KafkaProbe probe;
    static String topic;

    @Inject
    ScriptedImageProvider provider;

    @Inject
    ImageJobRepository jobs;

    @Inject
    ImageConfig config;

    @BeforeAll
    static void probe() {
        topic = ConfigProvider.getConfig().getValue("taleforge.image.consumer.topic", String.class);
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.IMAGE_STATUS, Topics.dlq(topic));
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    @Test
    void twentyScenesBecomeTwentyReadyReadablePngsWithJournalRows() throws Exception {
        String story = UUID.randomUUID().toString();
        Instant published = Instant.now();
        for (int scene = 1; scene <= 20; scene++) {
            publish(story, scene, 1, "Scene " + scene + ": Rufus the small red fox looks at the lighthouse, "
                    + "storybook watercolour");
        }
        List<ImageStatus> ready = awaitStatus(story, ImageStatus.Status.READY, 20);
        Instant firstCall = provider.calls(story).stream().map(ScriptedImageProvider.Call::at).min(Instant::compareTo)
                .orElseThrow();
        System.out.printf("image-service: 20 scene-approved records (keyed per picture) published, first provider call"
                + " after %d ms%n", Duration.between(published, firstCall).toMillis());
        assertEquals(Set.copyOf(range(1, 20)), ready.stream().map(ImageStatus::sceneNumber).collect(Collectors.toSet()));
        for (ImageStatus status : ready) {
            assertTrue(status.imageUrl().startsWith("/media/"), status.imageUrl());
            assertEquals("scripted", status.provider());
            assertNotNull(status.durationMs());
            byte[] png = given().get(status.imageUrl()).then().statusCode(200)
                    .header("Content-Type", "image/png")
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .extract().asByteArray();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "a readable PNG for scene " + status.sceneNumber());
            assertEquals(config.renderer().width(), image.getWidth());
            Path file = Path.of(config.store().dir()).resolve(status.imageUrl().substring("/media/".length()));
            assertNotNull(ImageIO.read(Files.newInputStream(file)), "the store holds the PNG");
        }
        // every scene went QUEUED → GENERATING → READY, in that order on the topic
        for (int scene = 1; scene <= 20; scene++) {
            int n = scene;
            List<ImageStatus.Status> steps = statuses(story).stream().filter(s -> s.sceneNumber() == n)
                    .map(ImageStatus::status).toList();
            assertEquals(List.of(ImageStatus.Status.QUEUED, ImageStatus.Status.GENERATING,
                    ImageStatus.Status.READY), steps, "scene " + scene);
        }
        given().get("/images/" + story).then().statusCode(200)
                .body("size()", equalTo(20))
                .body("findAll { it.status == 'READY' }.size()", equalTo(20))
                .body("[0].imageUrl", org.hamcrest.Matchers.startsWith("/media/"))
                .body("findAll { it.prompt == null || it.prompt.isEmpty() }.size()", equalTo(0));
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=success&limit=100")
                .then().statusCode(200).body("size()", equalTo(20));
        given().get("/operations?storyId=" + story + "&operation=image-upload&status=success&limit=100")
                .then().statusCode(200).body("size()", equalTo(20));
        assertEquals(20, provider.calls(story).size());
    }

    @Test
    void redeliveredMessageReemitsTheFinalStatusWithoutASecondProviderCall() {
        String story = UUID.randomUUID().toString();
        SceneApproved event = scene(story, 3, 1, "Rufus finds a glowing acorn");
        String ceId = UUID.randomUUID().toString();
        probe.send(topic, story, event, ceId);
        awaitStatus(story, ImageStatus.Status.READY, 1);
        probe.send(topic, story, event, ceId);
        probe.send(topic, story, event); // the same attempt under another CloudEvent id
        List<KafkaProbe.Received> ready = probe.await(Topics.IMAGE_STATUS,
                r -> story.equals(r.key()) && r.as(ImageStatus.class).status() == ImageStatus.Status.READY, 3, WAIT);
        assertEquals(1, provider.calls(story).size(), "one provider call for one attempt");
        assertEquals(1, ready.stream().map(r -> r.header("ce_id")).distinct().count(),
                "the re-emitted READY carries the same CloudEvent id");
        assertEquals(1, ready.stream().map(r -> r.as(ImageStatus.class).imageUrl()).distinct().count());
        int calls = QuarkusTransaction.requiringNew().call(() -> jobs.findAttempt(UUID.fromString(story), 3, 1)
                .orElseThrow().providerCalls);
        assertEquals(1, calls);
        given().get("/operations?storyId=" + story + "&operation=image-generation&limit=100")
                .then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void transientFailuresRecoverThroughRetries() {
        String story = UUID.randomUUID().toString();
        provider.script(story, Step.TRANSIENT, Step.TRANSIENT);
        publish(story, 1, 1, "Rufus trains on the windy cliff");
        ImageStatus ready = awaitStatus(story, ImageStatus.Status.READY, 1).get(0);
        assertNotNull(ready.imageUrl());
        assertEquals(3, provider.calls(story).size());
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=failed")
                .then().statusCode(200).body("size()", equalTo(2))
                .body("[0].errorMessage", org.hamcrest.Matchers.containsString("503"))
                .body("[0].errorTrace", org.hamcrest.Matchers.notNullValue());
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=success")
                .then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void contentPolicyRefusalsWalkSanitizedThenShortenedThenFail() {
        String story = UUID.randomUUID().toString();
        provider.script(story, Step.CONTENT_POLICY, Step.CONTENT_POLICY, Step.CONTENT_POLICY);
        publish(story, 7, 1, "Rufus faces the wolf, blood on the sword, a violent storm of war over the dark "
                + "forest where the wolf king waits with his army of shadows and many more words after that "
                + "to make sure the shortened prompt is shorter than this one by a good margin indeed");
        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("content_policy", failed.error().code());
        assertTrue(failed.error().message().contains("safety system"), failed.error().message());
        List<ScriptedImageProvider.Call> calls = provider.calls(story);
        assertEquals(3, calls.size(), "original, sanitized, shortened");
        assertTrue(calls.get(0).prompt().contains("blood on the sword"));
        assertTrue(calls.get(1).prompt().contains("red paint on the wooden staff"), calls.get(1).prompt());
        assertTrue(calls.get(2).prompt().startsWith("A gentle children's book illustration:"));
        assertTrue(calls.get(2).prompt().length() < calls.get(1).prompt().length());
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=failed")
                .then().statusCode(200).body("size()", equalTo(3))
                .body("step", org.hamcrest.Matchers.hasItems("generate:original#1", "generate:sanitized#1",
                        "generate:shortened#1"));
        KafkaProbe.Received dead = probe.await(Topics.dlq(topic), KafkaProbe.ofStory(story), 1, WAIT).get(0);
        assertTrue(dead.headers().toString().contains("content_policy"), dead.headers().toString());
        given().get("/images/" + story).then().statusCode(200)
                .body("[0].status", equalTo("FAILED")).body("[0].error.code", equalTo("content_policy"));
    }

    @Test
    void aSanitizedPromptThatPassesEndsReady() {
        String story = UUID.randomUUID().toString();
        provider.script(story, Step.CONTENT_POLICY);
        publish(story, 2, 1, "Rufus is hurt and sad");
        awaitStatus(story, ImageStatus.Status.READY, 1);
        List<ScriptedImageProvider.Call> calls = provider.calls(story);
        assertEquals(2, calls.size());
        assertEquals("Rufus is upset and sad", calls.get(1).prompt());
    }

    @Test
    void a429PausesTheProviderForItsRetryAfterThenSucceeds() {
        String story = UUID.randomUUID().toString();
        provider.retryAfter(Duration.ofMillis(700));
        provider.script(story, Step.RATE_LIMITED);
        publish(story, 4, 1, "Rufus waits at the gate");
        awaitStatus(story, ImageStatus.Status.READY, 1);
        List<ScriptedImageProvider.Call> calls = provider.calls(story);
        assertEquals(2, calls.size());
        long gap = Duration.between(calls.get(0).at(), calls.get(1).at()).toMillis();
        assertTrue(gap >= 650, "second call " + gap + " ms after the 429, Retry-After was 700 ms");

        // what /q/metrics says about it: the pause, the permits waited for, the statuses, the calls
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Scrape.sum(metrics, "taleforge_limiter_pauses_total", "reason=\"retry-after\"") >= 1,
                "a pause counted with its reason");
        assertTrue(Scrape.sum(metrics, "taleforge_limiter_wait_seconds_count", "account=") >= 1, "the permits' waits timed");
        assertTrue(Scrape.sum(metrics, "taleforge_images_total", "status=\"READY\"") >= 1, "READY statuses counted");
        assertTrue(Scrape.sum(metrics, "taleforge_provider_call_seconds_count", "operation=\"image-generation\"",
                "outcome=\"failed\"", "provider=\"scripted\"") >= 1, "the 429 call in the histogram as a failure");
    }

    @Test
    void aRejectedKeyFailsAtOnceWithoutRetries() {
        String story = UUID.randomUUID().toString();
        provider.script(story, Step.KEY_REJECTED);
        publish(story, 5, 1, "Rufus and the key");
        ImageStatus failed = awaitStatus(story, ImageStatus.Status.FAILED, 1).get(0);
        assertEquals("key_rejected", failed.error().code());
        assertEquals(1, provider.calls(story).size());
        given().get("/operations?storyId=" + story + "&operation=image-generation&status=failed")
                .then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void anInvalidMessageIsSkippedWithItsReasonJournaledAndDeadLettered() {
        String story = UUID.randomUUID().toString();
        publish(story, 21, 1, "scene twenty-one does not exist");
        ImageStatus skipped = awaitStatus(story, ImageStatus.Status.SKIPPED, 1).get(0);
        assertEquals("invalid_message", skipped.error().code());
        assertTrue(skipped.error().message().contains("sceneNumber"));
        given().get("/operations?storyId=" + story + "&status=skipped")
                .then().statusCode(200).body("size()", equalTo(1))
                .body("[0].errorMessage", org.hamcrest.Matchers.containsString("sceneNumber"));
        probe.await(Topics.dlq(topic), KafkaProbe.ofStory(story), 1, WAIT);
        assertEquals(0, provider.calls(story).size());
    }

    @Test
    void anUnreadableRecordIsSkippedAndDeadLetteredWithItsOriginalBytes() {
        String story = UUID.randomUUID().toString();
        probe.send(topic, story, "not a scene-approved event");
        KafkaProbe.Received dead = probe.await(Topics.dlq(topic), KafkaProbe.ofStory(story), 1, WAIT).get(0);
        assertEquals("\"not a scene-approved event\"", dead.value(), "the DLQ keeps the bytes that did not parse");
        assertTrue(dead.headers().toString().contains("invalid_message"), dead.headers().toString());
        given().get("/operations?operation=image-generation&status=skipped&limit=1000").then().statusCode(200)
                .body("errorMessage", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.startsWith("the record has no scene-approved value")));
        assertEquals(0, provider.calls(story).size());
    }

    @Test
    void restErrorsAreProblems() {
        given().get("/images/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/media/" + "0".repeat(64) + ".png").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/media/..%2Fsecret").then().statusCode(404);
        given().get("/images/" + UUID.randomUUID()).then().statusCode(200).body("size()", equalTo(0));
    }

    static void publish(String story, int scene, int attempt, String prompt) {
        probe.send(topic, SceneApproved.key(story, scene), scene(story, scene, attempt, prompt));
    }

    static SceneApproved scene(String story, int scene, int attempt, String prompt) {
        return new SceneApproved(story, scene, attempt, prompt, "storybook watercolour", "1024x1024", Instant.now());
    }

    static List<ImageStatus> statuses(String story) {
        return probe.forStory(Topics.IMAGE_STATUS, story).stream().map(r -> r.as(ImageStatus.class)).toList();
    }

    static List<ImageStatus> awaitStatus(String story, ImageStatus.Status status, int count) {
        return probe.await(Topics.IMAGE_STATUS,
                r -> story.equals(r.key()) && r.as(ImageStatus.class).status() == status, count, WAIT)
                .stream().map(r -> r.as(ImageStatus.class)).toList();
    }

    static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }

}
