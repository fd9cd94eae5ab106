package io.taleforge.film.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.film.config.FilmConfig;
import io.taleforge.film.ffmpeg.VideoProbe;
import io.taleforge.film.model.Clip;
import io.taleforge.film.model.ClipState;
import io.taleforge.film.model.Film;
import io.taleforge.film.provider.ClipRequest;
import io.taleforge.film.provider.Picture;
import io.taleforge.film.provider.local.LocalClipRenderer;
import io.taleforge.film.repository.ClipRepository;
import io.taleforge.film.repository.FilmRepository;
import io.taleforge.film.support.FfmpegSupport;
import io.taleforge.film.support.WireMockResource;
import io.taleforge.testing.RealInfraResource;

/**
 * The film end to end inside film-service, with the local renderer, real Redis and the database:
 * asked for over REST, every clip READY in our store as a real H.264 MP4, one journal row per
 * provider call; a clip whose task id was stored before a restart is polled, never created again;
 * a task past its deadline fails with that reason.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
@QuarkusTestResource(WireMockResource.class)
class FilmPipelineTest {

    static final String PICTURE = "a".repeat(64) + ".png";

    @Inject
    FilmConfig config;
    @Inject
    VideoProbe probe;
    @Inject
    LocalClipRenderer renderer;
    @Inject
    FilmRepository films;
    @Inject
    ClipRepository clips;

    @BeforeAll
    static void ensureFfmpeg() {
        FfmpegSupport.ensure();
    }

    void servePicture() throws Exception {
        WireMockResource.server().stubFor(get("/media/" + PICTURE).willReturn(aResponse()
                .withHeader("Content-Type", "image/png").withBody(png())));
    }

    @Test
    void everyClipBecomesAStoredH264ClipWithAJournalRowPerProviderCall() throws Exception {
        servePicture();
        UUID story = UUID.randomUUID();
        List<Map<String, Object>> scenes = List.of(Map.of("sceneNumber", 1, "imageUrl", "/media/" + PICTURE),
                Map.of("sceneNumber", 2, "imageUrl", "/media/" + PICTURE),
                Map.of("sceneNumber", 3, "imageUrl", "/media/" + PICTURE));
        given().contentType(ContentType.JSON).body(Map.of("scenes", scenes)).post("/films/" + story)
                .then().statusCode(202).body("state", equalTo("MAKING")).body("total", equalTo(3));
        given().contentType(ContentType.JSON).body(Map.of("scenes", scenes)).post("/films/" + story)
                .then().statusCode(200).body("total", equalTo(3));

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get("/films/" + story).then().statusCode(200).body("state", equalTo("READY"))
                        .body("ready", equalTo(3)));

        for (Clip clip : QuarkusTransaction.requiringNew().call(() -> clips.ofFilm(story))) {
            assertTrue(clip.mediaUrl.startsWith("/media/") && clip.mediaUrl.endsWith(".mp4"), clip.mediaUrl);
            Path file = Path.of(config.store().dir()).resolve(clip.mediaUrl.substring("/media/".length()));
            VideoProbe.VideoInfo info = probe.probe(file);
            assertEquals("h264", info.codec());
            assertEquals(320, info.width());
            assertTrue(Math.abs(clip.durationMs - 1000) <= 100, "measured duration " + clip.durationMs);
            assertTrue(Files.size(file) > 0);
        }
        assertEquals(3, journal(story, "clip.create"));
        assertEquals(3, journal(story, "clip.download"));
        assertEquals(3, journal(story, "clip.store"));
        assertTrue(journal(story, "clip.poll") >= 3, "a poll row whenever the task's status changed");
        given().get("/media/" + clips(story).get(0).mediaUrl.substring("/media/".length()))
                .then().statusCode(200).contentType("video/mp4");
    }

    @Test
    void aTaskStoredBeforeARestartIsPolledNotCreatedAgain() throws Exception {
        UUID story = UUID.randomUUID();
        String taskId = renderer.create(new ClipRequest(story, 4, 1, new Picture(null, png(), "image/png"), "p"));
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            films.persist(Film.start(story, now));
            Clip clip = Clip.queue(story, 4, "/media/" + PICTURE, now);
            clip.startAttempt(renderer.name(), renderer.model(), now.plusSeconds(600), now);
            clip.taskCreated(taskId, now, now);
            clips.persist(clip);
        });
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                given().get("/films/" + story).then().body("clips[0].state", equalTo("READY")));
        assertEquals(0, journal(story, "clip.create"), "the stored task was resumed, no second task");
        assertEquals(taskId, clips(story).get(0).providerTaskId);
    }

    @Test
    void aTaskPastItsDeadlineFailsWithThatReason() {
        UUID story = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            films.persist(Film.start(story, now));
            Clip clip = Clip.queue(story, 9, "/media/" + PICTURE, now);
            clip.startAttempt(renderer.name(), renderer.model(), now.minusSeconds(1), now);
            clip.taskCreated("local-" + UUID.randomUUID(), now, now);
            clips.persist(clip);
        });
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                given().get("/films/" + story).then().body("clips[0].state", equalTo("FAILED"))
                        .body("clips[0].errorCode", equalTo("deadline")).body("state", equalTo("FAILED")));
        String reason = clips(story).get(0).errorMessage;
        assertTrue(reason.contains("no finished clip within"), reason);
    }

    @Test
    void aRequestWithoutScenesIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("scenes", List.of())).post("/films/" + UUID.randomUUID())
                .then().statusCode(400).contentType("application/problem+json")
                .body(org.hamcrest.Matchers.containsString("scenes"));
        given().get("/films/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    List<Clip> clips(UUID story) {
        return QuarkusTransaction.requiringNew().call(() -> clips.ofFilm(story));
    }

    static long journal(UUID story, String operation) {
        return QuarkusTransaction.requiringNew().call(() ->
                JournalEntry.count("storyId = ?1 and operation = ?2", story, operation));
    }

    static byte[] png() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(400, 300,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.RED, 400, 300, java.awt.Color.GREEN));
        g.fillRect(0, 0, 400, 300);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
