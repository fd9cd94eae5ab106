package io.taleforge.story.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.taleforge.story.TestStories;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.PackagedService;

/**
 * A real restart in the middle of a writing: the packaged story-service (a separate process, its
 * H2 file in a folder of its own) writes a story slowly (the template writer at one scene every
 * 700 ms), is killed with -9 after a few scenes (no shutdown hook: its claim on the story is not
 * given up) and started again on the same database. The new process takes the story up once the
 * dead one's claim expired, keeps the scenes stored before the kill, and the story ends
 * {@code DRAFTED}: never stuck {@code WRITING}.
 */
class WritingRestartIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void aStoryCutByAKillIsFinishedByTheNextStartKeepingItsScenes() throws Exception {
        try (PackagedService service = PackagedStoryService.onItsOwnDatabase("restart-it")
                .set("taleforge.story.writer.scene-pace", "700ms")
                .set("taleforge.story.writer.concurrent-stories", "1")
                .set("taleforge.story.writer.claim-ttl", "3s")) {
            service.start(Duration.ofMinutes(5));
            String owner = TestStories.owner();
            String id = create(service, owner);
            Awaitility.await("three scenes before the kill").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                    .until(() -> scenes(story(service, id)).size() >= 3);

            List<String> before = texts(story(service, id));
            service.kill();
            service.start(Duration.ofMinutes(5));

            Awaitility.await("the story ends after the restart").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                    .until(() -> "DRAFTED".equals(story(service, id).path("status").asText()));
            JsonNode story = story(service, id);
            List<String> after = texts(story);
            assertEquals(20, after.size());
            assertTrue(before.size() >= 3 && before.size() < 20, "scenes stored before the kill: " + before.size());
            assertEquals(before, after.subList(0, before.size()), "the scenes written before the kill are kept");
            boolean placeholders = false;
            for (JsonNode scene : scenes(story)) {
                placeholders |= scene.path("placeholder").asBoolean();
            }
            assertTrue(!placeholders || !story.path("writingNote").asText().isBlank(),
                    "finished, or placeholders with the reason: " + story);
            assertTrue(service.logs().contains("story writing taken up (no live claim) story=" + id), service.tail(40));
        }
    }

    private static String create(PackagedService service, String owner) throws Exception {
        String body = KafkaProbe.JSON.writeValueAsString(TestStories.body(TestStories.answers()));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                service.url("/stories"))).header("Content-Type", "application/json").header(TestStories.OWNER_HEADER, owner)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        return KafkaProbe.JSON.readTree(answer.body()).path("id").asText();
    }

    private static JsonNode story(PackagedService service, String id) throws Exception {
        HttpResponse<String> answer = service.get("/stories/" + id);
        assertEquals(200, answer.statusCode(), answer.body());
        return KafkaProbe.JSON.readTree(answer.body());
    }

    private static List<JsonNode> scenes(JsonNode story) {
        List<JsonNode> scenes = new ArrayList<>();
        story.path("scenes").forEach(scenes::add);
        return scenes;
    }

    private static List<String> texts(JsonNode story) {
        return scenes(story).stream().map(s -> s.path("text").asText()).toList();
    }
}
