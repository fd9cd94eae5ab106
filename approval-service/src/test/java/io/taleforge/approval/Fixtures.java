package io.taleforge.approval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.taleforge.contracts.ImageStatus;
import io.taleforge.contracts.Topics;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.RealInfra;

/** Shared test steps: image statuses through the real broker, decisions through REST. */
public final class Fixtures {

    /** Generous: the first test of a run also waits for the consumer group's first assignment. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private Fixtures() {
    }

    public static KafkaProbe probe() {
        return new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.APPROVAL_STATUS,
                Topics.IMAGE_REJECTED, Topics.dlq(Topics.IMAGE_STATUS));
    }

    public static String newStory() {
        return UUID.randomUUID().toString();
    }

    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100));
    }

    public static ImageStatus status(String storyId, int scene, int attempt, ImageStatus.Status status) {
        String url = status == ImageStatus.Status.READY ? imageUrl(storyId, scene, attempt) : null;
        ImageStatus.ImageError error = status == ImageStatus.Status.FAILED
                ? new ImageStatus.ImageError("content_policy", "the provider refused the prompt") : null;
        return new ImageStatus(storyId, scene, attempt, status, url, "local", "renderer-1",
                status == ImageStatus.Status.READY ? 42L : null, error, Instant.now());
    }

    public static String imageUrl(String storyId, int scene, int attempt) {
        return "/media/" + storyId + "/" + scene + "-" + attempt + ".png";
    }

    /** Publishes an image status and returns its CloudEvent id. */
    public static String publish(KafkaProbe probe, ImageStatus status) {
        return probe.send(Topics.IMAGE_STATUS, status.storyId(), status);
    }

    /** Publishes READY for the attempt and waits until the scene is PENDING with that attempt. */
    public static void ready(KafkaProbe probe, String storyId, int scene, int attempt) {
        publish(probe, status(storyId, scene, attempt, ImageStatus.Status.READY));
        awaitState(storyId, scene, attempt, "PENDING");
    }

    public static void awaitState(String storyId, int scene, int attempt, String state) {
        eventually().untilAsserted(() -> given().get("/approvals/{id}", storyId).then()
                .statusCode(200)
                .body("scenes[" + scene + "].attempt", equalTo(attempt))
                .body("scenes[" + scene + "].state", equalTo(state)));
    }

    public static ValidatableResponse decide(String storyId, int scene, String action, String feedback) {
        String body = feedback == null ? "{\"action\":\"%s\"}".formatted(action)
                : "{\"action\":\"%s\",\"feedback\":\"%s\"}".formatted(action, feedback);
        return given().contentType(ContentType.JSON).body(body)
                .post("/approvals/{id}/{n}", storyId, scene).then();
    }

    public static ValidatableResponse retry(String storyId, int scene) {
        return given().post("/approvals/{id}/{n}/retry", storyId, scene).then();
    }
}
