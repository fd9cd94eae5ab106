package io.taleforge.film.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.film.client.FilmReservation;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfraResource;
import io.taleforge.testing.Scrape;

/**
 * The flow from the film request to 20 stored clips, 20 narrations and the assembled film, on the
 * real broker, H2, the local FFmpeg renderer and the local voice (espeak-ng). approval-service,
 * image-service and story-service are our own services, replaced here by fixed answers
 * (QuarkusMock of their client beans); e2e runs them for real.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class FilmFlowTest extends FilmTestBase {

    @Test
    void notEveryPictureApprovedIsA409NamingTheStory() {
        String story = UUID.randomUUID().toString();
        given().when().post("/films/" + story).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("storyId"))
                .body("detail", equalTo("12 of 20 pictures are approved; the film needs all 20"));
        given().when().get("/films/" + story).then().statusCode(404);
    }

    /**
     * The test table prices the local renderer at $0.01 per second (1 s clips) and the local voice
     * at $1000 per 1M characters ("Fox 1." … "Fox 20.": 131 characters): 20 × 0.01 + 0.131.
     */
    @Test
    void aFilmOverBudgetIsA402WithTheAmountsAndNothingIsMade() {
        String story = UUID.randomUUID().toString();
        approved.add(story);
        overBudget.add(story);
        given().when().get("/films/" + story + "/estimate").then().statusCode(200).body("estimateUsd", equalTo(0.331f));

        given().when().post("/films/" + story).then().statusCode(402).contentType("application/problem+json")
                .body("limit", equalTo("daily-budget")).body("estimateUsd", equalTo(0.331f))
                .body("leftUsd", equalTo(0.1f)).body("errors[0].field", equalTo("daily-budget"));
        given().when().get("/films/" + story).then().statusCode(404);
        assertEquals(0, createdTasks(story), "no provider call for a refused film");
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
        Awaitility.await("the film READY").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                "READY".equals(given().when().get("/films/" + story).then().extract().path("state")));
        System.out.printf("film-service: film request -> film READY: %.1f s (local renderer and voice, test profile)%n",
                (System.nanoTime() - askedAt) / 1e9);
        given().when().get("/films/" + story).then().statusCode(200)
                .body("clips[4].mediaUrl", org.hamcrest.Matchers.startsWith("/media/"))
                .body("clips[4].provider", equalTo("local"))
                .body("narrationReadyCount", equalTo(20)).body("narrations[4].provider", equalTo("local"))
                .body("narrations[4].mediaUrl", org.hamcrest.Matchers.endsWith(".wav"))
                .body("movie.state", equalTo("READY")).body("movie.mediaUrl", org.hamcrest.Matchers.endsWith(".mp4"));

        FilmStatus last = probe.await(Topics.FILM_STATUS, r -> r.key().equals(story) && isItem(r, "FILM", "READY"), 1, WAIT)
                .get(0).as(FilmStatus.class);
        assertEquals(FilmStatus.FilmState.READY, last.filmState());
        assertEquals(20, last.readyCount());
        assertEquals(20, last.narrationReadyCount());
        assertEquals(0, last.item().sceneNumber());
        List<KafkaProbe.Received> events = probe.forStory(Topics.FILM_STATUS, story);
        assertEquals(20, events.stream().filter(r -> isItem(r, "CLIP", "QUEUED")).count(), "one QUEUED per clip: one film");
        assertEquals(20, events.stream().filter(r -> isItem(r, "NARRATION", "READY")).count(), "one READY per narration");
        assertEquals(20, createdTasks(story), "one provider task per clip");

        List<FilmReservation.Item> items = reserved.get(story);
        assertEquals(40, items.size(), "a clip and a narration per scene reserved before the first call");
        assertEquals(0, new BigDecimal("0.331").compareTo(FilmCosts.total(items)));
        FilmStatus clip = events.stream().filter(r -> isItem(r, "CLIP", "READY")).findFirst().orElseThrow()
                .as(FilmStatus.class);
        assertEquals(0, new BigDecimal("0.01").compareTo(clip.item().costUsd()), "a 1 s clip at $0.01 per second");
        FilmStatus spoken = events.stream().filter(r -> isItem(r, "NARRATION", "READY"))
                .map(r -> r.as(FilmStatus.class)).filter(e -> e.item().sceneNumber() == 12).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("0.007").compareTo(spoken.item().costUsd()), "\"Fox 12.\": 7 characters");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Scrape.sum(metrics, "taleforge_clips_total", "status=\"READY\"") >= 20, "READY clips counted");
        assertTrue(Scrape.sum(metrics, "taleforge_clips_total", "status=\"QUEUED\"") >= 20, "QUEUED clips counted");
        assertTrue(Scrape.sum(metrics, "taleforge_narrations_total", "status=\"READY\"") >= 20,
                "READY narrations counted");
    }

    @Test
    void aFailedClipSaysWhyAndIsMadeAgainAlone() {
        String story = UUID.randomUUID().toString();
        approved.add(story);
        broken.add(story + "-5.");

        given().when().post("/films/" + story).then().statusCode(202);
        Awaitility.await("19 ready, 1 failed").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var body = given().when().get("/films/" + story).then().extract();
            return body.path("readyCount").equals(19) && body.path("failedCount").equals(1)
                    && body.path("narrationReadyCount").equals(20);
        });
        given().when().get("/films/" + story).then().body("state", equalTo("FAILED"))
                .body("clips[4].state", equalTo("FAILED"))
                .body("clips[4].error.code", equalTo("render_failed"));
        given().when().post("/films/" + story + "/clips/4/retry").then().statusCode(409)
                .body("errors[0].field", equalTo("sceneNumber"));

        broken.clear();
        overBudget.add(story); // the retry's new attempt does not fit: refused before it is queued
        given().when().post("/films/" + story + "/clips/5/retry").then().statusCode(402)
                .contentType("application/problem+json").body("limit", equalTo("daily-budget"));
        given().when().post("/films/" + story + "/retry-failed").then().statusCode(402)
                .body("estimateUsd", equalTo(0.331f)).body("leftUsd", equalTo(0.1f));
        given().when().get("/films/" + story).then().body("clips[4].state", equalTo("FAILED"))
                .body("clips[4].attempt", equalTo(1));
        assertEquals(40, reserved.get(story).size(), "nothing reserved for a refused retry");

        overBudget.remove(story);
        given().when().post("/films/" + story + "/retry-failed").then().statusCode(202)
                .body("clips[4].state", equalTo("QUEUED")).body("clips[4].attempt", equalTo(2));
        Awaitility.await("20 ready").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                given().when().get("/films/" + story).then().extract().path("readyCount").equals(20));
        given().when().get("/films/" + story).then().body("clips[4].attempt", equalTo(2))
                .body("clips[4].error", org.hamcrest.Matchers.nullValue());
        assertEquals(20, createdTasks(story), "19 first tasks and one retry; the refused retries and the failed render started none");
        List<FilmReservation.Item> items = reserved.get(story);
        assertEquals(41, items.size(), "the film's 40 items, then the retry's new attempt before it was queued");
        FilmReservation.Item retry = items.get(40);
        assertEquals(List.of(FilmReservation.Kind.CLIP, 5, 2), List.of(retry.kind(), retry.sceneNumber(), retry.attempt()));
        assertEquals(0, new BigDecimal("0.01").compareTo(retry.estimateUsd()), "a 1 s clip at $0.01 per second");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().when().post("/films/not-a-uuid").then().statusCode(400).body("errors[0].field", equalTo("storyId"));
        given().when().post("/films/" + UUID.randomUUID() + "/clips/21/retry").then().statusCode(400)
                .body("errors[0].field", equalTo("sceneNumber"));
    }
}
