package io.taleforge.story;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.SceneApproved;
import io.taleforge.story.service.StoryService;
import io.taleforge.testing.KafkaProbe;

/** Test data: valid answers, a fresh owner hash, and a story created over REST. */
public final class TestStories {

    public static final String OWNER_HEADER = "X-Taleforge-Owner";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestStories() {
    }

    /** A random hex SHA-256-shaped owner, unique per call. */
    public static String owner() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Valid answers taking the "object" branch. */
    public static Map<String, Object> answers() {
        Map<String, Object> answers = new HashMap<>();
        answers.put("hero_species", "mouse");
        answers.put("hero_name", "  Pip   Whiskers ");
        answers.put("hero_trait", "brave");
        answers.put("setting", "enchanted_forest");
        answers.put("rejection", "too_small");
        answers.put("discovery", "object");
        answers.put("discovery_object", "lantern");
        answers.put("antagonist", "crow_king");
        answers.put("style", "watercolor");
        answers.put("ending", "heartwarming");
        return answers;
    }

    public static Map<String, Object> body(Map<String, Object> answers) {
        return Map.of("answers", answers);
    }

    /** Creates a story for {@code owner}, waits until its writing ended and returns its id. */
    public static String create(String owner) {
        String id = accepted(owner, answers());
        written(owner, id);
        return id;
    }

    /** Posts the answers (202, the story {@code WRITING}) and returns the new story's id. */
    public static String accepted(String owner, Map<String, Object> answers) {
        return given().contentType(ContentType.JSON).header(OWNER_HEADER, owner).body(body(answers))
                .when().post("/stories")
                .then().statusCode(202)
                .extract().path("id");
    }

    /** Waits (up to 60 s) until the background writer ended the story's writing; returns the story. */
    public static JsonPath written(String owner, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header(OWNER_HEADER, owner).when().get("/stories/{id}", id)
                        .then().statusCode(200).extract().jsonPath(), story -> !"WRITING".equals(story.getString("status")));
    }

    /** Approves the scenes of a story (202). */
    public static void approve(String owner, String storyId) {
        given().header(OWNER_HEADER, owner).when().post("/stories/{id}/approve-scenes", storyId)
                .then().statusCode(202);
    }

    /** The image URL {@link #approvePortrait} gives the portrait of {@code storyId}. */
    public static String portraitUrl(String storyId) {
        return "http://localhost:8082/media/portrait-" + storyId + ".png";
    }

    /**
     * Approves the scenes, then plays the reader approving the portrait's first attempt (as the
     * {@code approval-status} consumer would): the 20 scenes' pictures start, with
     * {@link #portraitUrl} as their reference. {@code PortraitApprovalConsumerTest} takes the Kafka path.
     */
    public static void approveWithPortrait(String owner, String storyId) {
        approve(owner, storyId);
        StoryService stories = Arc.container().instance(StoryService.class).get();
        if (!stories.portraitApproved(UUID.fromString(storyId), 1, portraitUrl(storyId))) {
            throw new IllegalStateException("the portrait of " + storyId + " was not approved");
        }
    }

    /** The outbox rows of a story on {@code topic}, in publication order. */
    public static List<OutboxEntry> outbox(String storyId, String topic) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.forKey(storyId, topic));
    }

    /** How many outbox rows of a story wait to be published. */
    public static long unsent(String storyId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.unsentFor(storyId));
    }

    /** The {@code scene-approved} event an outbox row carries. */
    public static SceneApproved sceneApproved(OutboxEntry row) {
        try {
            return KafkaProbe.JSON.readValue(row.payload, SceneApproved.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a SceneApproved: " + row.payload, e);
        }
    }

    /** The scene number in a {@code scene-approved} JSON payload. */
    public static int sceneNumber(String payload) {
        try {
            return KafkaProbe.JSON.readTree(payload).get("sceneNumber").asInt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + payload, e);
        }
    }
}
