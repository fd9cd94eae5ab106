package io.taleforge.film.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.film.client.ApprovalClient;
import io.taleforge.film.client.ApprovalDocument;
import io.taleforge.film.client.ImageClient;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * The flow from the film request to 20 stored clips, on the real broker, H2 and the local FFmpeg
 * renderer. approval-service and image-service are our own services, replaced here by fixed
 * answers (QuarkusMock of their client beans); e2e runs them for real.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class FilmFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final byte[] PICTURE = png();
    private static KafkaProbe probe;

    /** Stories whose pictures are all approved, and scenes whose picture does not decode. */
    private final Set<String> approved = ConcurrentHashMap.newKeySet();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void start() {
        FfmpegSupport.ensure();
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.FILM_STATUS);
    }

    @AfterAll
    static void stop() {
        probe.close();
    }

    @BeforeEach
    void services() {
        QuarkusMock.installMockForType(new ApprovalClient(null) {
            @Override
            public Optional<ApprovalDocument> approvals(UUID storyId) {
                String id = storyId.toString();
                boolean all = approved.contains(id);
                List<ApprovalDocument.Scene> scenes = new ArrayList<>();
                IntStream.rangeClosed(1, 20).forEach(n -> scenes.add(new ApprovalDocument.Scene(n, 1,
                        all || n <= 12 ? "APPROVED" : "PENDING", "/media/" + id + "-" + n + ".png")));
                return Optional.of(new ApprovalDocument(id, scenes, all ? 20 : 12, 20, all));
            }
        }, ApprovalClient.class);
        QuarkusMock.installMockForType(new ImageClient(null) {
            @Override
            public Optional<Media> media(String key) {
                boolean bad = broken.stream().anyMatch(key::startsWith);
                return Optional.of(new Media(bad ? "not a picture".getBytes() : PICTURE, "image/png"));
            }
        }, ImageClient.class);
    }

    @Test
    void notEveryPictureApprovedIsA409NamingTheStory() {
        String story = UUID.randomUUID().toString();
        given().when().post("/films/" + story).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("storyId"))
                .body("detail", equalTo("12 of 20 pictures are approved; the film needs all 20"));
        given().when().get("/films/" + story).then().statusCode(404);
    }

    @Test
    void askingTwiceMakesOneFilmOfTwentyReadyClipsWithOneTaskEach() {
        String story = UUID.randomUUID().toString();
        approved.add(story);

        long askedAt = System.nanoTime();
        given().when().post("/films/" + story).then().statusCode(202)
                .body("state", equalTo("MAKING")).body("clips", hasSize(20))
                .body("clips[0].state", equalTo("QUEUED")).body("clips[0].attempt", equalTo(1));
        given().when().post("/films/" + story).then().statusCode(202).body("clips", hasSize(20));

        Awaitility.await("20 READY clips").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                given().when().get("/films/" + story).then().extract().path("readyCount").equals(20));
        System.out.printf("film-service: film request -> 20th READY clip: %.1f s (local renderer, test profile)%n",
                (System.nanoTime() - askedAt) / 1e9);
        given().when().get("/films/" + story).then().statusCode(200).body("state", equalTo("READY"))
                .body("clips[4].mediaUrl", org.hamcrest.Matchers.startsWith("/media/"))
                .body("clips[4].provider", equalTo("local"));

        List<KafkaProbe.Received> ready = probe.await(Topics.FILM_STATUS,
                r -> r.key().equals(story) && r.value().contains("\"state\":\"READY\""), 20, WAIT);
        FilmStatus last = ready.get(ready.size() - 1).as(FilmStatus.class);
        assertEquals(FilmStatus.FilmState.READY, last.filmState());
        assertEquals(20, last.readyCount());
        assertEquals(20, probe.forStory(Topics.FILM_STATUS, story).stream()
                .filter(r -> r.value().contains("\"state\":\"QUEUED\"")).count(), "one QUEUED per clip: one film");
        assertEquals(20, createdTasks(story), "one provider task per clip");
    }

    @Test
    void aFailedClipSaysWhyAndIsMadeAgainAlone() {
        String story = UUID.randomUUID().toString();
        approved.add(story);
        broken.add(story + "-5.");

        given().when().post("/films/" + story).then().statusCode(202);
        Awaitility.await("19 ready, 1 failed").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var body = given().when().get("/films/" + story).then().extract();
            return body.path("readyCount").equals(19) && body.path("failedCount").equals(1);
        });
        given().when().get("/films/" + story).then().body("state", equalTo("FAILED"))
                .body("clips[4].state", equalTo("FAILED"))
                .body("clips[4].error.code", equalTo("render_failed"));
        given().when().post("/films/" + story + "/clips/4/retry").then().statusCode(409)
                .body("errors[0].field", equalTo("sceneNumber"));

        broken.clear();
        given().when().post("/films/" + story + "/retry-failed").then().statusCode(202)
                .body("clips[4].state", equalTo("QUEUED")).body("clips[4].attempt", equalTo(2));
        Awaitility.await("20 ready").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                given().when().get("/films/" + story).then().extract().path("readyCount").equals(20));
        given().when().get("/films/" + story).then().body("clips[4].attempt", equalTo(2))
                .body("clips[4].error", org.hamcrest.Matchers.nullValue());
        assertEquals(20, createdTasks(story), "19 first tasks and one retry; the failed render started none");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().when().post("/films/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("storyId"));
        given().when().post("/films/" + UUID.randomUUID() + "/clips/21/retry").then().statusCode(400)
                .body("errors[0].field", equalTo("sceneNumber"));
    }

    @Inject
    Journals journals;

    private long createdTasks(String story) {
        return journals.createdTasks(UUID.fromString(story));
    }

    /** Reads the journal: how many provider tasks were created for a story. */
    @jakarta.enterprise.context.ApplicationScoped
    static class Journals {
        @Transactional
        long createdTasks(UUID story) {
            return JournalEntry.count("storyId = ?1 and operation = ?2 and status = ?3", story, "clip.create",
                    JournalEntry.Status.SUCCESS);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 90, 200));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.ORANGE);
        g.fillOval(100, 60, 120, 120);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
