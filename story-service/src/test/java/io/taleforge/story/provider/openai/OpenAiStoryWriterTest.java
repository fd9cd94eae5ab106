package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.taleforge.story.model.Reservation;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.story.TestStories;
import io.taleforge.story.service.RegenerationService;
import io.taleforge.testing.ModelAnswers;

/**
 * The OpenAI-compatible writer end to end through the REST API, against WireMock speaking the
 * Chat Completions wire format: the request it sends, the answers it repairs, the retry and
 * placeholder policy around it, and how each real error of the API ends.
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class OpenAiStoryWriterTest {

    static final String WRITE = "The arc, scene by scene";
    static final String REVISE = "Reader's feedback on the picture";

    @Inject
    RegenerationService regeneration;

    @Inject
    ObjectMapper json;

    private WireMockServer wiremock;
    private String tag;
    private Instant started;

    @BeforeEach
    void reset() {
        wiremock = OpenAiWireMock.server();
        wiremock.resetAll();
        tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        started = Instant.now();
    }

    private void answerWrites(ResponseDefinitionBuilder response) {
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE)).willReturn(response));
    }

    /** Answers the first write with {@code first}, every later one with {@code then}. */
    private void answerWrites(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE))
                .inScenario(tag).whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("answered"));
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE))
                .inScenario(tag).whenScenarioStateIs("answered").willReturn(then));
    }

    private ResponseDefinitionBuilder fullStory() {
        return okJson(OpenAiWireMock.completion(ModelAnswers.story("Pip and the Everlasting Lantern", 20, tag), "stop"));
    }

    private List<LoggedRequest> writes() {
        return wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE)));
    }

    /** Creates a story (202) and returns it once its writing ended. */
    private static JsonPath create(String owner) {
        return TestStories.written(owner, TestStories.accepted(owner, TestStories.answers()));
    }

    /**
     * Creates a story whose writer gives nothing usable: it ends with 20 marked placeholders and
     * the reason as its {@code writingNote}, which this returns.
     */
    private static String failed(String owner) {
        JsonPath story = create(owner);
        assertEquals("DRAFTED", story.getString("status"));
        assertEquals(20, story.getList("scenes.placeholder", Boolean.class).stream().filter(p -> p).count(),
                "every scene a marked placeholder");
        assertNotNull(story.getString("writingNote"));
        return story.getString("writingNote");
    }

    private static List<JournalEntry> journal(UUID storyId) {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list("storyId",
                Sort.ascending("createdAt"), storyId));
    }

    /** Rows of story writes since the test started (for calls that stored no story). */
    private List<JournalEntry> writeRowsSinceStart() {
        return QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list(
                "operation = ?1 and createdAt >= ?2", Sort.ascending("createdAt"), "write-scenes", started));
    }

    @Test
    void writesTheStoryFromAChatCompletionAndSendsTheRequestOpenAiExpects() throws Exception {
        answerWrites(fullStory());

        JsonPath story = create(TestStories.owner());

        assertEquals("Pip and the Everlasting Lantern", story.getString("title"));
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), story.getList("scenes.number", Integer.class));
        assertEquals(ModelAnswers.text(9, tag), story.getString("scenes[8].text"));
        assertFalse(story.getList("scenes.placeholder", Boolean.class).contains(true));

        List<LoggedRequest> requests = writes();
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        assertEquals("Bearer " + OpenAiWireMock.KEY, request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"), request.getHeader("Content-Type"));
        JsonNode body = json.readTree(request.getBodyAsString());
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals("json_object", body.path("response_format").path("type").asText());
        assertEquals(0.8, body.path("temperature").asDouble(), 1e-9);
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertEquals("user", body.path("messages").path(1).path("role").asText());
        String system = body.path("messages").path(0).path("content").asText();
        assertTrue(system.contains("JSON") && system.contains("exactly 20 scenes"), system);
        String user = body.path("messages").path(1).path("content").asText();
        assertTrue(user.contains("Pip Whiskers") && user.contains("mouse"), user);
        for (String stage : List.of("1-4 underdog", "5-6 discovery", "7-8 first-failure", "9-10 training",
                "11-12 transformation", "13-14 display-of-power", "15-19 challenge", "20 triumph")) {
            assertTrue(user.contains(stage), "the arc stage '" + stage + "' is in the prompt: " + user);
        }

        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        assertEquals(1, rows.size());
        assertEquals(JournalEntry.Status.SUCCESS, rows.get(0).status);
        assertEquals("openai", rows.get(0).provider);
        assertEquals("gpt-4o-mini", rows.get(0).model);
    }

    @Test
    void repairsAFencedArrayWithStringNumbersAndProseAround() {
        StringBuilder scenes = new StringBuilder("[");
        for (int n = 1; n <= 20; n++) {
            String text = ModelAnswers.text(n, tag).replace("\"", "\\\"");
            scenes.append(n == 1 ? "" : ",").append(switch (n % 3) {
                case 0 -> "{\"number\": \"" + n + "\", \"text\": \"" + text + "\"}";
                case 1 -> "{\"text\": \"" + text + "\"}";
                default -> "\"" + text + "\"";
            });
        }
        String content = "Here is your story!\n```json\n" + scenes + ",]\n```\nLet me know if you want changes.";
        answerWrites(okJson(OpenAiWireMock.completion(content, "stop")));

        JsonPath story = create(TestStories.owner());

        assertEquals(ModelAnswers.text(20, tag), story.getString("scenes[19].text"));
        assertEquals(ModelAnswers.text(3, tag), story.getString("scenes[2].text"));
        assertFalse(story.getList("scenes.placeholder", Boolean.class).contains(true));
        assertEquals("Pip Whiskers's Story", story.getString("title"), "no title in an array: the hero's name is used");
        assertEquals(1, writes().size(), "a repairable answer needs no retry");
    }

    @Test
    void aShortAnswerThreeTimesGivesEightMarkedPlaceholdersWithJournalRowsSayingWhy() {
        answerWrites(okJson(OpenAiWireMock.completion(ModelAnswers.story("Short", 12, tag), "stop")));

        JsonPath story = create(TestStories.owner());

        assertEquals(3, writes().size(), "one call and two retries");
        List<Boolean> placeholders = story.getList("scenes.placeholder", Boolean.class);
        assertEquals(8, placeholders.stream().filter(p -> p).count());
        assertEquals(IntStream.rangeClosed(13, 20).boxed().toList(), IntStream.rangeClosed(1, 20)
                .filter(n -> placeholders.get(n - 1)).boxed().toList());
        assertTrue(story.getString("scenes[12].text").startsWith("[Placeholder]"));
        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        List<JournalEntry> failed = rows.stream().filter(r -> r.status == JournalEntry.Status.FAILED).toList();
        assertEquals(3, failed.size());
        failed.forEach(r -> {
            assertTrue(r.errorMessage.contains("12 usable scenes of 20") && r.errorMessage.contains("13, 14"), r.errorMessage);
            assertEquals("openai", r.provider);
            assertEquals("gpt-4o-mini", r.model);
        });
        List<JournalEntry> skipped = rows.stream().filter(r -> r.status == JournalEntry.Status.SKIPPED).toList();
        assertEquals(IntStream.rangeClosed(13, 20).boxed().toList(), skipped.stream().map(r -> r.sceneNumber).sorted().toList());
        skipped.forEach(r -> assertTrue(r.errorMessage.contains("after 3 tries") && r.errorMessage.contains("placeholder"),
                r.errorMessage));
    }

    @Test
    void aTruncatedAnswerKeepsItsCompleteScenesAndSaysItWasCutOff() {
        String full = ModelAnswers.story("Cut", 20, tag);
        String cut = full.substring(0, full.indexOf(ModelAnswers.text(16, tag)) + 10);
        answerWrites(okJson(OpenAiWireMock.completion(cut, "length")), fullStory());

        JsonPath story = create(TestStories.owner());

        assertEquals(2, writes().size());
        assertFalse(story.getList("scenes.placeholder", Boolean.class).contains(true));
        JournalEntry first = journal(UUID.fromString(story.getString("id"))).get(0);
        assertEquals(JournalEntry.Status.FAILED, first.status);
        assertTrue(first.errorMessage.contains("15 usable scenes") && first.errorMessage.contains("finish_reason=length"),
                first.errorMessage);
    }

    @Test
    void aRefusalIsAFailedTryWithTheModelsWords() {
        answerWrites(okJson(OpenAiWireMock.refusal("I'm sorry, I can't help with that.")));

        String note = failed(TestStories.owner());

        assertTrue(note.contains("refused") && note.contains("try again later"), note);
        assertEquals(3, writes().size());
        List<JournalEntry> rows = writeRowsSinceStart();
        assertEquals(3, rows.size());
        rows.forEach(r -> assertTrue(r.errorMessage.contains("the model refused to write: I'm sorry"), r.errorMessage));
    }

    @Test
    void rateLimitedWaitsAsLongAsRetryAfterSaysThenSucceeds() {
        answerWrites(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "1")
                .withHeader("x-ratelimit-limit-requests", "500").withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "1s").withHeader("x-ratelimit-remaining-tokens", "1200")
                .withBody(OpenAiWireMock.error("Rate limit reached for gpt-4o-mini in organization org-abc on requests "
                        + "per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.", "requests",
                        "rate_limit_exceeded")),
                fullStory());

        JsonPath story = create(TestStories.owner());

        List<LoggedRequest> requests = writes();
        assertEquals(2, requests.size());
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 950, "waited for Retry-After (1 s), not the 50 ms backoff: " + gap + " ms");
        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("rate limited") && rows.get(0).errorMessage.contains("retry after 1000 ms")
                && rows.get(0).errorMessage.contains("remaining requests 0"), rows.get(0).errorMessage);
    }

    /** Answers the writes in turn, the last answer to every later write. */
    private void answerWritesInTurn(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(WRITE)).inScenario(tag)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i).willReturn(answers[i])
                    .willSetStateTo("answer-" + Math.min(i + 1, answers.length - 1)));
        }
    }

    /** A 429 as OpenAI sends it: JSON error body, a request id, and the given headers. */
    private static ResponseDefinitionBuilder tooManyRequests(String body, String... headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", "")).withBody(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        return response;
    }

    private static final String RPM_LIMIT = OpenAiWireMock.error("Rate limit reached for gpt-4o-mini in organization "
            + "org-abc on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 1s.", "requests",
            "rate_limit_exceeded");

    private static long gap(LoggedRequest first, LoggedRequest second) {
        return second.getLoggedDate().getTime() - first.getLoggedDate().getTime();
    }

    @Test
    void withoutRetryAfterTheResetOfTheExhaustedBudgetIsWaitedAndRetryAfterMsIsHonoured() {
        // 1) only the exhausted budget and its reset: wait ~1 s (not the 50 ms backoff, not max-wait);
        // 2) retry-after-ms 800 beside a 3 s reset: retry-after-ms wins; 3) the story.
        answerWritesInTurn(
                tooManyRequests(RPM_LIMIT, "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s"),
                tooManyRequests(RPM_LIMIT, "retry-after-ms", "800", "x-ratelimit-remaining-requests", "0",
                        "x-ratelimit-reset-requests", "3s"),
                fullStory());

        JsonPath story = create(TestStories.owner());

        List<LoggedRequest> requests = writes();
        assertEquals(3, requests.size());
        long first = gap(requests.get(0), requests.get(1));
        assertTrue(first >= 950 && first < 1900, "waited the 1 s reset of the request budget: " + first + " ms");
        long second = gap(requests.get(1), requests.get(2));
        assertTrue(second >= 750 && second < 1900, "waited retry-after-ms (800 ms), not the 3 s reset: " + second + " ms");
        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS),
                rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("429 rate_limit_exceeded") && rows.get(0).errorMessage.contains(
                "retry after 1000 ms") && rows.get(0).errorMessage.contains("remaining requests 0"), rows.get(0).errorMessage);
        assertTrue(rows.get(1).errorMessage.contains("retry after 800 ms"), rows.get(1).errorMessage);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        // IMF-fixdate (RFC 7231), whole seconds: 2 to 3 s ahead of now
        Instant at = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String date = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
                .withZone(java.time.ZoneOffset.UTC).format(at);
        answerWrites(tooManyRequests(RPM_LIMIT, "Retry-After", date), fullStory());

        JsonPath story = create(TestStories.owner());

        List<LoggedRequest> requests = writes();
        assertEquals(2, requests.size());
        long asked = at.toEpochMilli() - requests.get(0).getLoggedDate().getTime();
        long gap = gap(requests.get(0), requests.get(1));
        assertTrue(asked > 1000, "the date is still ahead at the first call: " + asked + " ms");
        assertTrue(gap >= asked - 300 && gap < asked + 900, "waited until " + date + " (" + asked + " ms after the first "
                + "call), not the 50 ms backoff: " + gap + " ms");
        JournalEntry first = journal(UUID.fromString(story.getString("id"))).get(0);
        assertTrue(first.errorMessage.contains("rate limited") && first.errorMessage.contains("retry after"), first.errorMessage);
    }

    @Test
    void anExhaustedQuotaIsAProblemAfterExactlyOneCall() {
        String owner = TestStories.owner();
        answerWrites(tooManyRequests(OpenAiWireMock.error("You exceeded your current quota, please check your plan and "
                + "billing details. For more information on this error, read the docs: "
                + "https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota",
                "insufficient_quota")));

        String note = failed(owner);

        assertTrue(note.contains("429 insufficient_quota") && note.contains("You exceeded your current quota"), note);
        assertEquals(1, writes().size(), "waiting does not bring credit back: no retry");
        List<JournalEntry> rows = writeRowsSinceStart();
        assertEquals(1, rows.size());
        assertEquals(JournalEntry.Status.FAILED, rows.get(0).status);
        assertTrue(rows.get(0).errorMessage.contains("quota exhausted"), rows.get(0).errorMessage);
    }

    @Test
    void aContentFilteredAnswerIsAFailedTryRetriedThenWriterUnavailable() {
        // The filter cut the answer after a few scenes: the fragment is not kept as a short answer (README: bad answer).
        String full = ModelAnswers.story("Filtered", 20, tag);
        String fragment = full.substring(0, full.indexOf(ModelAnswers.text(6, tag)));
        answerWrites(okJson(OpenAiWireMock.completion(fragment, "content_filter")));

        String note = failed(TestStories.owner());

        assertTrue(note.contains("content filter") && note.contains("after 3 tries"), note);
        assertEquals(3, writes().size(), "a filtered answer is retried like any bad answer");
        List<JournalEntry> rows = writeRowsSinceStart();
        assertEquals(3, rows.size());
        rows.forEach(r -> {
            assertEquals(JournalEntry.Status.FAILED, r.status);
            assertTrue(r.errorMessage.contains("content filter stopped the answer (finish_reason=content_filter)"),
                    r.errorMessage);
        });
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        answerWrites(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody(OpenAiWireMock.error("The server had an error while processing your request. Sorry about that!",
                        "server_error", null)),
                fullStory());

        JsonPath story = create(TestStories.owner());

        assertEquals(2, writes().size());
        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("unavailable") && rows.get(0).errorMessage.contains("500")
                && rows.get(0).errorMessage.contains("The server had an error"), rows.get(0).errorMessage);
    }

    @Test
    void aRejectedKeyFailsFastAndTheStoryEndsWithPlaceholdersAndTheReason() {
        answerWrites(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody(OpenAiWireMock.error("Incorrect API key provided: sk-test-*******************cdef. You can find "
                        + "your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error",
                        "invalid_api_key")));
        String owner = TestStories.owner();

        String note = failed(owner);
        assertTrue(note.contains("story writer key rejected") && note.contains("401 invalid_api_key"), note);

        assertEquals(1, writes().size(), "no retry can fix a rejected key");
        List<JournalEntry> rows = writeRowsSinceStart();
        assertEquals(1, rows.size());
        assertEquals(JournalEntry.Status.FAILED, rows.get(0).status);
        assertTrue(rows.get(0).errorMessage.contains("key rejected"), rows.get(0).errorMessage);
    }

    @Test
    void aContextLengthErrorIsAClearFailureWithoutRetries() {
        answerWrites(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(OpenAiWireMock.error("This model's maximum context length is 128000 tokens. However, your "
                        + "messages resulted in 130412 tokens. Please reduce the length of the messages.",
                        "invalid_request_error", "context_length_exceeded")));

        String note = failed(TestStories.owner());

        assertTrue(note.contains("context_length_exceeded") && note.contains("maximum context length"), note);
        assertEquals(1, writes().size());
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsRetried() {
        answerWrites(fullStory().withFixedDelay(2500), fullStory());

        JsonPath story = create(TestStories.owner());

        assertEquals(2, writes().size());
        List<JournalEntry> rows = journal(UUID.fromString(story.getString("id")));
        assertEquals(List.of(JournalEntry.Status.FAILED, JournalEntry.Status.SUCCESS), rows.stream().map(r -> r.status).toList());
        assertTrue(rows.get(0).errorMessage.contains("no answer within the timeout"), rows.get(0).errorMessage);
        assertTrue(rows.get(0).durationMs >= 900 && rows.get(0).durationMs < 2400,
                "cut at the 1 s read timeout, not at the 2.5 s answer: " + rows.get(0).durationMs);
    }

    @Test
    void revisesARejectedPromptWithTheFeedbackAndKeepsSheetAndStyle() throws Exception {
        answerWrites(fullStory());
        String owner = TestStories.owner();
        String id = create(owner).getString("id");
        TestStories.approveWithPortrait(owner, id);
        JsonPath approved = given().get("/stories/" + id).then().statusCode(200).extract().jsonPath();
        String sheet = approved.getString("characterSheet");
        String style = approved.getString("style");
        String before = approved.getString("scenes[2].prompt");
        // The model tries to restyle the hero too: the sheet and style must survive anyway.
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(REVISE))
                .withRequestBody(containing(tag)).willReturn(okJson(OpenAiWireMock.completion(
                        "{\"prompt\": \"Pip Whiskers crying by the window under a soft pink evening sky. Main character: "
                                + "a green dragon. Style: photograph.\"}", "stop"))));

        RegenerationService.Outcome outcome = regeneration.handle(UUID.randomUUID().toString(),
                new ImageRejected(id, 3, 1, "make the sky pink"));

        assertEquals(RegenerationService.Outcome.NEW_ATTEMPT, outcome);
        JsonPath after = given().get("/stories/" + id).then().statusCode(200).extract().jsonPath();
        String prompt = after.getString("scenes[2].prompt");
        assertEquals(2, after.getInt("scenes[2].attempt"));
        assertTrue(prompt.startsWith("Illustration of scene 3 of 20 (underdog): Pip Whiskers crying by the window under a "
                + "soft pink evening sky."), prompt);
        assertTrue(prompt.contains("Main character: " + sheet + ".") && prompt.contains("Style: " + style + "."), prompt);
        assertFalse(prompt.contains("green dragon") || prompt.contains("photograph"), prompt);

        List<LoggedRequest> revisions = wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH))
                .withRequestBody(containing(REVISE)).withRequestBody(containing(tag)));
        assertEquals(1, revisions.size());
        assertEquals("Bearer " + OpenAiWireMock.KEY, revisions.get(0).getHeader("Authorization"));
        String user = json.readTree(revisions.get(0).getBodyAsString()).path("messages").path(1).path("content").asText();
        assertTrue(user.contains("make the sky pink"), user);
        assertTrue(user.contains("Current prompt: " + before), user);
        assertTrue(user.contains(ModelAnswers.text(3, tag)), user);
        JournalEntry row = journal(UUID.fromString(id)).stream().filter(r -> "revise-prompt".equals(r.operation))
                .findFirst().orElseThrow();
        assertEquals(JournalEntry.Status.SUCCESS, row.status);
        assertEquals("openai", row.provider);
        assertEquals(Integer.valueOf(2), row.attempt);
        // reserved with the redraw (1500 in + 400 out at gpt-4o-mini's $0.15/$0.60 per 1M), settled by
        // the answer's usage (412 in, 1830 out): the row and the ledger say the same
        assertEquals(0, new BigDecimal("0.000465").compareTo(row.estimatedCost), "estimate " + row.estimatedCost);
        assertEquals(0, new BigDecimal("0.001160").compareTo(row.actualCost), "actual " + row.actualCost);
        Reservation revision = revision(UUID.fromString(id), 3);
        assertEquals(Reservation.State.SETTLED, revision.state);
        assertEquals(0, row.actualCost.compareTo(revision.actual), "settled " + revision.actual);
    }

    /** The ledger's reservation of the writer's revision for the scene's attempt 2. */
    private static Reservation revision(UUID id, int scene) {
        return QuarkusTransaction.requiringNew().call(() -> Reservation.of(id, Reservation.Purpose.WRITER, scene, 2)
                .orElseThrow(() -> new AssertionError("no reservation of the revision of scene " + scene)));
    }

    @Test
    void aFailedRevisionFallsBackToAppendingTheFeedback() {
        answerWrites(fullStory());
        String owner = TestStories.owner();
        String id = create(owner).getString("id");
        TestStories.approveWithPortrait(owner, id);
        String before = given().get("/stories/" + id).then().extract().path("scenes[4].prompt");
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing(REVISE))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(OpenAiWireMock.error("The engine is currently overloaded, please try again later.",
                                "server_error", null))));

        regeneration.handle(UUID.randomUUID().toString(), new ImageRejected(id, 5, 1, "more stars"));

        String prompt = given().get("/stories/" + id).then().extract().path("scenes[4].prompt");
        assertEquals(before + " Reader's request for this picture: more stars.", prompt);
        JournalEntry row = journal(UUID.fromString(id)).stream().filter(r -> "revise-prompt".equals(r.operation))
                .findFirst().orElseThrow();
        assertEquals(JournalEntry.Status.FAILED, row.status);
        assertTrue(row.step.contains("fell back") && row.errorMessage.contains("503"), row.step + " / " + row.errorMessage);
        assertEquals(Reservation.State.RELEASED, revision(UUID.fromString(id), 5).state, "a failed revision costs nothing");
    }
}
