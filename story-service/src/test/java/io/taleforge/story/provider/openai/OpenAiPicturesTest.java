package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.story.TestStories;
import io.taleforge.story.model.Reservation;
import io.taleforge.story.model.Story;
import io.taleforge.story.service.Ledger;
import io.taleforge.story.service.ScenePictures;
import io.taleforge.testing.ModelAnswers;

/**
 * With the OpenAI writer the model also describes the 20 pictures when the scenes are approved:
 * the prompts carry its descriptions inside the composer's frame (scene head, character sheet,
 * style line); a scene it skipped, or a failed call, falls back to the composer's prompt from the
 * scene text, and the journal says which. The call is priced by its answer's {@code usage} on its
 * journal row and settles the approval's reservation of it (purpose WRITER, attempt 0); a failed
 * call releases it; either way the story's spend is the sum of its journal rows' actual costs.
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class OpenAiPicturesTest {

    static final String WRITE = "The arc, scene by scene";
    static final String PICTURES = "art director";

    @Inject
    Ledger ledger;

    private WireMockServer wiremock;
    private String tag;

    @BeforeEach
    void reset() {
        wiremock = OpenAiWireMock.server();
        wiremock.resetAll();
        tag = "p" + UUID.randomUUID().toString().substring(0, 8);
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE)).willReturn(okJson(
                OpenAiWireMock.completion(ModelAnswers.story("Pip and the Everlasting Lantern", 20, tag), "stop"))));
    }

    @Test
    void theModelDescribesThePicturesInsideTheComposersFrame() throws Exception {
        // the model describes 19 pictures: scene 7 is missing from its answer
        List<Map<String, Object>> pictures = IntStream.rangeClosed(1, 20).filter(n -> n != 7).mapToObj(n -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("number", n);
            p.put("description", "Picture %d by the model: a lantern glows over a mossy hill (%s).".formatted(n, tag));
            return p;
        }).collect(Collectors.toList());
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(PICTURES)).willReturn(okJson(
                OpenAiWireMock.completion(new ObjectMapper().writeValueAsString(Map.of("scenes", pictures)), "stop"))));

        UUID id = createAndApprove();

        Story story = story(id);
        story.scenes.forEach(scene -> {
            assertTrue(scene.prompt.contains(story.characterSheet), "scene " + scene.number + " keeps the sheet");
            assertTrue(scene.prompt.contains(story.styleLine), "scene " + scene.number + " keeps the style");
            assertTrue(scene.prompt.startsWith("Illustration of scene " + scene.number + " of 20"), scene.prompt);
            if (scene.number == 7) {
                assertTrue(scene.prompt.contains(ModelAnswers.text(7, tag).substring(0, 30)), "the scene text: " + scene.prompt);
            } else {
                assertTrue(scene.prompt.contains("Picture " + scene.number + " by the model"), scene.prompt);
                assertFalse(scene.prompt.contains("Scene " + scene.number + ": Pip Whiskers"), "not the scene text");
            }
        });
        String sent = wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(PICTURES)))
                .get(0).getBodyAsString();
        assertTrue(sent.contains(ModelAnswers.text(12, tag).substring(0, 30)), "the approved scene texts are sent");
        JournalEntry row = pictureRow(id);
        assertEquals(JournalEntry.Status.SUCCESS, row.status);
        assertEquals("openai", row.provider);
        assertTrue(row.outputSummary.contains("19 of 20"), row.outputSummary);

        // priced by the answer's usage (412 tokens in, 1830 out) at gpt-4o-mini's $0.15/$0.60 per 1M:
        // $0.0011598, to the table's 6 decimals
        BigDecimal usage = new BigDecimal("0.001160");
        assertEquals(0, new BigDecimal("0.0036").compareTo(row.estimatedCost), "8000 in + 4000 out at the start");
        assertEquals(0, usage.compareTo(row.actualCost), "actual " + row.actualCost);
        Reservation descriptions = reservation(id, 0);
        assertEquals(Reservation.State.SETTLED, descriptions.state);
        assertEquals(0, usage.compareTo(descriptions.actual), "settled " + descriptions.actual);
        assertSpendIsTheJournals(id, usage.add(usage)); // the writing's answer and the descriptions'
    }

    @Test
    void aFailedCallApprovesWithTheComposersPromptsAndSaysWhy() {
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(PICTURES))
                .willReturn(serverError().withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));

        UUID id = createAndApprove();

        story(id).scenes.forEach(scene -> assertTrue(scene.prompt.contains(ModelAnswers.text(scene.number, tag)
                .substring(0, 30)), "the composer's prompt from the scene text: " + scene.prompt));
        JournalEntry row = pictureRow(id);
        assertEquals(JournalEntry.Status.FAILED, row.status);
        assertTrue(row.errorMessage.contains("500"), row.errorMessage);
        assertEquals(Reservation.State.RELEASED, reservation(id, 0).state, "a failed call costs nothing");
        assertEquals(Reservation.State.SETTLED, reservation(id, 1).state, "the writing");
        assertSpendIsTheJournals(id, new BigDecimal("0.001160")); // the writing's answer alone
    }

    /**
     * The story's spend in the ledger equals the sum of its journal rows' actual costs, and is
     * {@code expected} (the template prices nothing else: the pictures are the free local renderer's).
     */
    private void assertSpendIsTheJournals(UUID id, BigDecimal expected) {
        BigDecimal journals = QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list("storyId", id)
                .stream().map(e -> e.actualCost).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add));
        Ledger.Spend spend = QuarkusTransaction.requiringNew().call(() -> ledger.spend(id));
        assertEquals(0, journals.compareTo(spend.spentUsd()), "ledger " + spend.spentUsd() + ", journal " + journals);
        assertEquals(0, expected.compareTo(spend.spentUsd()), "spent " + spend.spentUsd());
        assertEquals(0, spend.committedUsd().compareTo(spend.spentUsd()), "nothing left open: the pictures are free");
    }

    private static Reservation reservation(UUID id, int attempt) {
        return QuarkusTransaction.requiringNew().call(() -> Reservation.of(id, Reservation.Purpose.WRITER, 0, attempt)
                .orElseThrow());
    }

    private UUID createAndApprove() {
        String owner = TestStories.owner();
        String id = TestStories.create(owner);
        given().header(TestStories.OWNER_HEADER, owner).when().post("/stories/{id}/approve-scenes", id)
                .then().statusCode(202);
        return UUID.fromString(id);
    }

    private static Story story(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Story story = Story.<Story>findById(id);
            story.scenes.size();
            return story;
        });
    }

    private static JournalEntry pictureRow(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>find(
                "storyId = ?1 and operation = ?2", id, ScenePictures.OPERATION).firstResult());
    }
}
