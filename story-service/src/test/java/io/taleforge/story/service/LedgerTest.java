package io.taleforge.story.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.taleforge.contracts.FilmStatus;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.StoryStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.Reservation;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;
import io.taleforge.testing.RealInfraResource;

/**
 * The ledger against the real database: pictures priced as gpt-image-2 medium 1024x1024 ($0.07),
 * the template writer free, so approving a story reserves 21 × $0.07 = $1.47. A reader's day holds
 * $2.205 (a story and a half); a story's cap is $2.17 (the story and exactly 10 more pictures).
 */
@QuarkusTest
@TestProfile(LedgerTest.Budgets.class)
class LedgerTest {

    public static class Budgets implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taleforge.story.ledger.image-provider", "openai",
                    "taleforge.story.ledger.image-model", "gpt-image-2",
                    "taleforge.story.ledger.story-cap", "2.17",
                    "taleforge.story.ledger.daily-budget", "2.205");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealInfraResource.class));
        }
    }

    @Inject
    RegenerationService regeneration;

    @Inject
    Ledger ledger;

    @Test
    void aReaderWithRoomForAStoryAndAHalfGetsTheFirstAndIsRefusedTheSecondBeforeAnyCall() {
        String owner = TestStories.owner();
        String first = TestStories.create(owner);
        String second = TestStories.create(owner);
        given().header(TestStories.OWNER_HEADER, owner).get("/stories/{id}/budget", first).then().statusCode(200)
                .body("approvalEstimateUsd", equalTo(1.47f)).body("committedUsd", equalTo(0))
                .body("storyLeftUsd", equalTo(2.17f));

        TestStories.approve(owner, first);
        int callsBefore = journalRows(second);
        given().header(TestStories.OWNER_HEADER, owner).post("/stories/{id}/approve-scenes", second).then()
                .statusCode(402).contentType("application/problem+json")
                .body("limit", equalTo("daily-budget"))
                .body("estimateUsd", equalTo(1.47f))
                .body("leftUsd", equalTo(0.735f))
                .body("errors[0].field", equalTo("daily-budget"));

        assertEquals(callsBefore, journalRows(second), "no call was made for the refused story");
        assertTrue(TestStories.outbox(second, Topics.SCENE_APPROVED).isEmpty(), "no picture was asked for");
        given().get("/stories/{id}", second).then().body("status", equalTo("DRAFTED"));
        given().get("/stories/{id}/budget", second).then().body("committedUsd", equalTo(0));
        given().get("/stories/{id}/budget", first).then().body("committedUsd", equalTo(1.47f))
                .body("storyLeftUsd", equalTo(0.7f));
    }

    @Test
    void twentyConcurrentRegenerationsAgainstACapThatFitsTenStartExactlyTen() throws Exception {
        String owner = TestStories.owner();
        String story = TestStories.create(owner);
        TestStories.approveWithPortrait(owner, story);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RegenerationService.Outcome>> outcomes = new ArrayList<>();
        for (int scene = 1; scene <= 20; scene++) {
            ImageRejected rejected = new ImageRejected(story, scene, 1, null);
            outcomes.add(pool.submit(() -> {
                start.await();
                return regeneration.handle(UUID.randomUUID().toString(), rejected);
            }));
        }
        start.countDown();
        int started = 0;
        int refused = 0;
        for (Future<RegenerationService.Outcome> outcome : outcomes) {
            RegenerationService.Outcome o = outcome.get(120, TimeUnit.SECONDS);
            started += o == RegenerationService.Outcome.NEW_ATTEMPT ? 1 : 0;
            refused += o == RegenerationService.Outcome.OVER_BUDGET ? 1 : 0;
        }
        pool.shutdown();

        assertEquals(10, started, "exactly the 10 that fit the cap start");
        assertEquals(10, refused);
        Ledger.Spend spend = QuarkusTransaction.requiringNew().call(() -> ledger.spend(UUID.fromString(story)));
        assertEquals(0, new BigDecimal("2.17").compareTo(spend.committedUsd()), "never past the cap");
        assertEquals(20 + 1 + 10, TestStories.outbox(story, Topics.SCENE_APPROVED).size(),
                "the portrait, the 20 first pictures and the 10 regenerations");
    }

    @Test
    void aRegenerationRefusedForTheBudgetTellsTheReaderAndTheSceneKeepsWhy() throws Exception {
        String owner = TestStories.owner();
        String story = TestStories.create(owner);
        TestStories.approveWithPortrait(owner, story);
        for (int scene = 1; scene <= 10; scene++) { // $1.47 + 10 × $0.07 fills the $2.17 cap
            assertEquals(RegenerationService.Outcome.NEW_ATTEMPT,
                    regeneration.handle(UUID.randomUUID().toString(), new ImageRejected(story, scene, 1, "again")));
        }
        String messageId = UUID.randomUUID().toString();
        ImageRejected rejected = new ImageRejected(story, 11, 1, "a smile");

        assertEquals(RegenerationService.Outcome.OVER_BUDGET, regeneration.handle(messageId, rejected));
        assertEquals(RegenerationService.Outcome.DUPLICATE, regeneration.handle(messageId, rejected),
                "a redelivery tells nothing twice");

        List<StoryStatus> refusals = TestStories.outbox(story, Topics.STORY_STATUS).stream()
                .map(row -> read(row.payload)).filter(e -> e.status() == StoryStatus.Status.REGENERATION_REFUSED)
                .toList();
        assertEquals(1, refusals.size(), "one refusal on the story's stream");
        StoryStatus.Refusal refusal = refusals.get(0).refusal();
        assertEquals(11, refusal.sceneNumber());
        assertEquals(1, refusal.attempt());
        assertEquals(Ledger.STORY_CAP, refusal.limit());
        assertEquals(0, new BigDecimal("0.07").compareTo(refusal.estimateUsd()));
        assertEquals(0, BigDecimal.ZERO.compareTo(refusal.leftUsd()));
        given().get("/stories/{id}", story).then().statusCode(200)
                .body("status", equalTo("REGENERATING"))
                .body("scenes[10].attempt", equalTo(1))
                .body("scenes[10].refusal.limit", equalTo("story-cap"))
                .body("scenes[10].refusal.estimateUsd", equalTo(0.07f))
                .body("scenes[10].refusal.leftUsd", equalTo(0f))
                .body("scenes[9].refusal", nullValue());
        assertEquals(1 + 20 + 10, TestStories.outbox(story, Topics.SCENE_APPROVED).size(), "scene 11 not redrawn");
    }

    private static StoryStatus read(String payload) {
        try {
            return KafkaProbe.JSON.readValue(payload, StoryStatus.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a StoryStatus: " + payload, e);
        }
    }

    @Test
    void aSettledPictureWeighsItsActualCostAndAFailedOneIsReleased() {
        String owner = TestStories.owner();
        String story = TestStories.create(owner);
        TestStories.approve(owner, story);
        UUID id = UUID.fromString(story);
        QuarkusTransaction.requiringNew().run(() -> {
            ledger.settle(id, Reservation.Purpose.PICTURE, 0, 1, new BigDecimal("0.00245"), false);
            ledger.settle(id, Reservation.Purpose.PICTURE, 1, 1, BigDecimal.ZERO, true);
            ledger.settle(id, Reservation.Purpose.PICTURE, 1, 1, new BigDecimal("9"), false); // closed already
        });
        // 1.47 - 0.07 + 0.00245 (the portrait settled) - 0.07 (scene 1 released)
        given().get("/stories/{id}/budget", story).then().statusCode(200)
                .body("committedUsd", equalTo(1.33245f)).body("spentUsd", equalTo(0.00245f));
    }

    /**
     * A 20-picture story with the WireMock image provider (image-service's {@code
     * RealProvidersPipelineTest}: its answer's {@code usage}, 10 text + 40 image tokens in and 50
     * out, is $0.00245 on the picture's journal row and on its {@code image-status}): approving
     * reserves the portrait and 20 pictures at $0.07, $1.47; their 21 READY events settle each at
     * $0.00245, so the story's spend is the sum of those journal rows, 21 × $0.00245 = $0.05145.
     */
    @Test
    void aTwentyPictureStorySpendsWhatItsPicturesJournalsSay() {
        String owner = TestStories.owner();
        String story = TestStories.create(owner);
        TestStories.approve(owner, story);
        BigDecimal estimate = QuarkusTransaction.requiringNew().call(() -> ledger.spend(UUID.fromString(story)))
                .committedUsd();
        assertEquals(0, new BigDecimal("1.47").compareTo(estimate), "the portrait and 20 pictures at $0.07");

        BigDecimal picture = new BigDecimal("0.00245");
        try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers())) {
            for (int scene = 0; scene <= 20; scene++) {
                probe.send(Topics.IMAGE_STATUS, story, new ImageStatus(story, scene, 1, ImageStatus.Status.READY,
                        "/media/" + scene + ".png", "openai", "gpt-image-2", 900L, null, Instant.now(), picture));
            }
        }
        BigDecimal journals = picture.multiply(BigDecimal.valueOf(21));
        await("21 pictures settled").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Ledger.Spend spend = QuarkusTransaction.requiringNew().call(() -> ledger.spend(UUID.fromString(story)));
            assertEquals(0, journals.compareTo(spend.spentUsd()), "spent " + spend.spentUsd());
            assertEquals(0, journals.compareTo(spend.committedUsd()), "nothing left reserved");
        });
        System.out.printf("story-service: a 20-picture story (portrait + 20, gpt-image-2 medium 1024x1024, the template"
                + " writer): estimate $%s, actual $%s with the WireMock usage%n",
                estimate.stripTrailingZeros().toPlainString(), journals.toPlainString());
    }

    /**
     * The film after an approved story (1.47 of the 2.17 cap, 0.70 left): 20 clips at $0.14 do not
     * fit (402 with the amounts, nothing reserved); 20 clips at $0.02 and 20 narrations at $0.01 do,
     * once; its film-status events settle a READY clip at its actual cost and release a FAILED narration.
     */
    @Test
    void theFilmReservesItsClipsAndNarrationsAndItsEventsSettleThem() {
        String owner = TestStories.owner();
        String story = TestStories.create(owner);
        TestStories.approve(owner, story);

        given().contentType("application/json").body(film(new BigDecimal("0.14"), BigDecimal.ZERO))
                .post("/stories/{id}/film-reservation", story).then().statusCode(402)
                .contentType("application/problem+json").body("limit", equalTo("story-cap"))
                .body("estimateUsd", equalTo(2.8f)).body("leftUsd", equalTo(0.7f));
        given().get("/stories/{id}/budget", story).then().body("committedUsd", equalTo(1.47f));

        Map<String, Object> fits = film(new BigDecimal("0.02"), new BigDecimal("0.01"));
        given().contentType("application/json").body(fits).post("/stories/{id}/film-reservation", story).then()
                .statusCode(200).body("reservedUsd", equalTo(0.6f));
        given().contentType("application/json").body(fits).post("/stories/{id}/film-reservation", story).then()
                .statusCode(200).body("reservedUsd", equalTo(0));
        given().get("/stories/{id}/budget", story).then().body("committedUsd", equalTo(2.07f));

        try (KafkaProbe probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers())) {
            probe.send(Topics.FILM_STATUS, story, filmStatus(story, FilmStatus.Kind.CLIP, 3, FilmStatus.State.READY,
                    new BigDecimal("0.014")));
            probe.send(Topics.FILM_STATUS, story, filmStatus(story, FilmStatus.Kind.NARRATION, 5,
                    FilmStatus.State.FAILED, null));
        }
        // 2.07 - 0.02 + 0.014 (clip 3 settled) - 0.01 (narration 5 released)
        await("the film's events settled").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/stories/{id}/budget", story).then().body("committedUsd", equalTo(2.054f))
                        .body("spentUsd", equalTo(0.014f)));
    }

    private static Map<String, Object> film(BigDecimal clip, BigDecimal narration) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int scene = 1; scene <= 20; scene++) {
            items.add(Map.of("kind", "CLIP", "sceneNumber", scene, "attempt", 1, "estimateUsd", clip));
            items.add(Map.of("kind", "NARRATION", "sceneNumber", scene, "attempt", 1, "estimateUsd", narration));
        }
        return Map.of("items", items);
    }

    private static FilmStatus filmStatus(String story, FilmStatus.Kind kind, int scene, FilmStatus.State state,
            BigDecimal cost) {
        return new FilmStatus(story, FilmStatus.FilmState.MAKING, new FilmStatus.Item(kind, scene, 1, state, null, null,
                "kling", "kling-v2-1", null, cost), 0, 0, 20, Instant.now());
    }

    private static int journalRows(String storyId) {
        return given().get("/operations?storyId=" + storyId + "&limit=1000").then().statusCode(200)
                .extract().path("size()");
    }
}
