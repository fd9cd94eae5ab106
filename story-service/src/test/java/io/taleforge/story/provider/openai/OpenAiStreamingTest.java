package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.Topics;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.Reservation;
import io.taleforge.testing.KafkaProbe;
import io.taleforge.testing.ModelAnswers;
import io.taleforge.testing.OpenAiStream;
import io.taleforge.testing.RealInfra;

/**
 * The streamed answer ({@code stream: true}) against WireMock sending server-sent chunks at about
 * 50 tokens a second: each scene is stored and on {@code scene-written} while the answer still
 * arrives; a stream cut after scene 8 keeps 1-8 and takes only the rest from the retry; a refusal
 * in the stream is a failed try.
 */
@QuarkusTest
@TestProfile(OpenAiStreamingTest.Streaming.class)
class OpenAiStreamingTest {

    private static final int TOKENS_PER_SECOND = 50;

    /** The OpenAI profile, streamed; the read timeout is per read, so a slow stream is fine. */
    public static class Streaming extends OpenAiProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("taleforge.story.writer.openai.stream", "true");
            config.put("taleforge.story.writer.openai.read-timeout", "10s");
            return config;
        }
    }

    private WireMockServer wiremock;
    private KafkaProbe probe;
    private String tag;

    @BeforeEach
    void reset() {
        wiremock = OpenAiWireMock.server();
        wiremock.resetAll();
        tag = UUID.randomUUID().toString().substring(0, 8);
        probe = new KafkaProbe(RealInfra.get().kafkaBootstrapServers(), Topics.SCENE_WRITTEN);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void eachSceneIsStoredAndAnnouncedWhileTheAnswerStillArrives() {
        OpenAiStream stream = OpenAiStream.streamed(ModelAnswers.story("Pip and the Lantern", 20, tag));
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).willReturn(stream.dribbled(TOKENS_PER_SECOND)));
        String owner = TestStories.owner();

        long submitted = System.nanoTime();
        String id = TestStories.accepted(owner, TestStories.answers());
        probe.await(Topics.SCENE_WRITTEN, r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        long first = System.nanoTime();
        JsonPath meanwhile = given(owner, id);
        probe.await(Topics.SCENE_WRITTEN, r -> id.equals(r.key()), 20, Duration.ofSeconds(60));
        long last = System.nanoTime();

        assertEquals("WRITING", meanwhile.getString("status"), "the first scene is out before the answer ended");
        assertTrue(meanwhile.getList("scenes").size() < 20, "scenes stored so far: " + meanwhile.getList("scenes").size());
        JsonPath story = TestStories.written(owner, id);
        assertEquals("Pip and the Lantern", story.getString("title"));
        assertEquals(IntStream.rangeClosed(1, 20).mapToObj(n -> ModelAnswers.text(n, tag)).toList(),
                story.getList("scenes.text", String.class));
        JsonNode request = json(wiremock.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertTrue(request.path("stream").asBoolean(), request.toString());
        assertTrue(request.path("stream_options").path("include_usage").asBoolean(), request.toString());
        assertWriterCost(UUID.fromString(id), stream.tokens());
        Log.infof("streamed %d tokens at %d/s: submit to first scene-written %d ms, to the 20th %d ms", stream.tokens(),
                TOKENS_PER_SECOND, (first - submitted) / 1_000_000, (last - submitted) / 1_000_000);
        assertTrue(last - first > Duration.ofSeconds(2).toNanos(), "the scenes came over the stream's duration");
    }

    @Test
    void aStreamCutAfterSceneEightKeepsOneToEightAndTakesOnlyTheRestFromTheRetry() {
        String first = ModelAnswers.story("Cut", 20, tag);
        int cut = first.indexOf(ModelAnswers.text(9, tag)) + 10; // inside scene 9
        String retry = ModelAnswers.story("Retried", 9, 20, tag + "-retry");
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing("The arc, scene by scene"))
                .inScenario(tag).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(OpenAiStream.cut(first, cut).dribbled(400)).willSetStateTo("cut"));
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing("The arc, scene by scene"))
                .inScenario(tag).whenScenarioStateIs("cut")
                .willReturn(OpenAiStream.streamed(retry).dribbled(400)));
        String owner = TestStories.owner();

        String id = TestStories.accepted(owner, TestStories.answers());
        JsonPath story = TestStories.written(owner, id);

        List<String> texts = story.getList("scenes.text", String.class);
        assertEquals(IntStream.rangeClosed(1, 8).mapToObj(n -> ModelAnswers.text(n, tag)).toList(), texts.subList(0, 8));
        assertEquals(IntStream.rangeClosed(9, 20).mapToObj(n -> ModelAnswers.text(n, tag + "-retry")).toList(),
                texts.subList(8, 20));
        assertEquals("Retried", story.getString("title"), "the title of the answer that ended (a cut one is not read)");
        assertEquals(2, wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH))).size());
        String asked = json(wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH))).get(1).getBodyAsString())
                .path("messages").get(1).path("content").asText();
        assertTrue(asked.contains("Write only the missing scenes 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,"), asked);
        IntStream.rangeClosed(1, 8).forEach(n -> assertTrue(asked.contains(n + ". " + ModelAnswers.text(n, tag)),
                "the retry gives the model scene " + n + " as written: " + asked));
        assertTrue(!asked.contains(ModelAnswers.text(9, tag)), "the cut scene 9 is not given as written");
        List<JournalEntry> rows = journal(UUID.fromString(id));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("stream was cut"), rows.get(0).errorMessage);
        assertEquals(20, TestStories.outbox(id, Topics.SCENE_WRITTEN).size(), "each scene announced once");
    }

    @Test
    void aRefusalInTheStreamIsAFailedTry() {
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH))
                .willReturn(OpenAiStream.refusal("I'm sorry, I can't help with that.").dribbled(200)));
        String owner = TestStories.owner();

        JsonPath story = TestStories.written(owner, TestStories.accepted(owner, TestStories.answers()));

        assertEquals(3, wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH))).size(), "retried twice");
        assertTrue(story.getList("scenes.placeholder", Boolean.class).stream().allMatch(p -> p));
        assertTrue(story.getString("writingNote").contains("refused"), story.getString("writingNote"));
        journal(UUID.fromString(story.getString("id"))).forEach(r -> assertTrue(
                r.errorMessage.contains("the model refused to write: I'm sorry"), r.errorMessage));
    }

    @Test
    void stopWritingCancelsTheCallAndKeepsWhatWasWritten() {
        JsonPath story = stoppedMidWriting("Stopped", (owner, id) -> io.restassured.RestAssured.given()
                .header(TestStories.OWNER_HEADER, owner).when().post("/stories/{id}/stop-writing", id)
                .then().statusCode(202));
        assertEquals(ModelAnswers.text(1, tag), story.getList("scenes.text", String.class).get(0));
    }

    /**
     * The stop asked through another instance: only the story's row says so (not this instance's
     * memory, which a request to another instance never reaches), and the writer here still stops.
     */
    @Test
    void aStopAskedThroughAnotherInstanceReachesTheWriter() {
        stoppedMidWriting("Stopped elsewhere", (owner, id) -> io.quarkus.arc.Arc.container()
                .instance(io.taleforge.story.service.WritingClaims.class).get().askStop(UUID.fromString(id)));
    }

    /**
     * A story whose answer streams at 50 tokens/s, stopped by {@code stop} (owner, id) once its first
     * scene is on Kafka: the scenes written stay, the rest are placeholders, no further try.
     */
    private JsonPath stoppedMidWriting(String title, java.util.function.BiConsumer<String, String> stop) {
        OpenAiStream stream = OpenAiStream.streamed(ModelAnswers.story(title, 20, tag));
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).willReturn(stream.dribbled(TOKENS_PER_SECOND)));
        String owner = TestStories.owner();
        String id = TestStories.accepted(owner, TestStories.answers());
        probe.await(Topics.SCENE_WRITTEN, r -> id.equals(r.key()), 1, Duration.ofSeconds(30));

        stop.accept(owner, id);
        JsonPath story = TestStories.written(owner, id);

        List<Boolean> placeholders = story.getList("scenes.placeholder", Boolean.class);
        assertEquals(20, placeholders.size());
        long written = placeholders.stream().filter(p -> !p).count();
        assertTrue(written >= 1 && written < 20, "the scenes written stay, the rest are placeholders: " + written);
        assertEquals("the reader stopped the writing", story.getString("writingNote"));
        assertEquals(1, wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH))).size(), "no further try");
        return story;
    }

    /**
     * The usage chunk priced by the rate table (gpt-4o-mini: $0.15 per 1M input tokens, $0.60 per
     * 1M output): the journal row's actual cost, and the writing's reservation settled with it.
     */
    private static void assertWriterCost(UUID storyId, int completionTokens) {
        BigDecimal expected = new BigDecimal("0.15").multiply(BigDecimal.valueOf(OpenAiStream.PROMPT_TOKENS))
                .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(completionTokens)))
                .divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
        List<JournalEntry> rows = journal(storyId);
        assertEquals(1, rows.size());
        assertEquals(0, expected.compareTo(rows.get(0).actualCost), "journal actual " + rows.get(0).actualCost
                + ", table " + expected);
        Reservation writing = QuarkusTransaction.requiringNew().call(() -> Reservation.of(storyId,
                Reservation.Purpose.WRITER, 0, 1).orElseThrow());
        assertEquals(Reservation.State.SETTLED, writing.state);
        assertEquals(0, expected.compareTo(writing.actual), "settled " + writing.actual + ", table " + expected);
    }

    private static JsonPath given(String owner, String id) {
        return io.restassured.RestAssured.given().header(TestStories.OWNER_HEADER, owner).when().get("/stories/{id}", id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<JournalEntry> journal(UUID storyId) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list(
                "storyId = ?1 and operation = 'write-scenes'", Sort.ascending("createdAt"), storyId));
    }

    private static JsonNode json(String body) {
        try {
            return KafkaProbe.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
