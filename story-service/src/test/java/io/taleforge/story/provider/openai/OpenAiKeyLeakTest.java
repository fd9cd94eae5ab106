package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.commons.outbox.OutboxEntry;
import io.taleforge.contracts.ImageRejected;
import io.taleforge.story.TestStories;
import io.taleforge.story.service.RegenerationService;
import io.taleforge.story.service.StoryService;
import io.taleforge.testing.ModelAnswers;

/**
 * The key reaches the provider's Authorization header and nothing else: not a log line, not a
 * journal row, not an outbox event, not an answer of the API, even when the provider echoes it
 * back in a 401 and a 500 body.
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class OpenAiKeyLeakTest {

    static final String KEY = OpenAiWireMock.KEY;
    /** The distinctive part, in case something shortened the key. */
    static final String KEY_PART = "LEAKCHECK-0123456789abcdef";

    @Inject
    RegenerationService regeneration;

    @Inject
    StoryService stories;

    private final Capture logs = new Capture();
    private WireMockServer wiremock;

    @BeforeEach
    void capture() {
        wiremock = OpenAiWireMock.server();
        wiremock.resetAll();
        Logger.getLogger("").addHandler(logs);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(logs);
    }

    @Test
    void theKeyIsSentToTheProviderAndAppearsNowhereElse() {
        List<String> answers = new ArrayList<>();
        String echo401 = OpenAiWireMock.error("Incorrect API key provided: " + KEY + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
        String echo500 = OpenAiWireMock.error("Internal error while serving request with Authorization: Bearer " + KEY
                + " (key " + KEY + ")", "server_error", null);

        // 1. A 401 that quotes the whole key: the story ends with placeholders and the reason for the reader.
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(echo401)));
        String refused = TestStories.owner();
        answers.add(TestStories.written(refused, TestStories.accepted(refused, TestStories.answers())).prettify());

        // 2. A 500 that quotes the key, then a story.
        wiremock.resetAll();
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).inScenario("leak").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(echo500))
                .willSetStateTo("ok"));
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing("The arc, scene by scene"))
                .inScenario("leak").whenScenarioStateIs("ok")
                .willReturn(okJson(OpenAiWireMock.completion(ModelAnswers.story("Leak check", 20, "leak"), "stop"))));
        String owner = TestStories.owner();
        String id = TestStories.accepted(owner, TestStories.answers());
        answers.add(TestStories.written(owner, id).prettify());
        // the picture descriptions at approval fail with the key in the body: the composer's prompts
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing("art director"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(echo500)));
        answers.add(given().header(TestStories.OWNER_HEADER, owner).post("/stories/" + id + "/approve-scenes")
                .then().statusCode(202).extract().asString());
        // the reader approves the hero's portrait: the 20 scene pictures start, scene 2 among them
        if (!stories.portraitApproved(UUID.fromString(id), 1, TestStories.portraitUrl(id))) {
            throw new IllegalStateException("the portrait of " + id + " was not approved");
        }

        // 3. A revision whose call fails with the key in the body: the fallback prompt, no key in it.
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).withRequestBody(containing("Reader's feedback"))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody(echo500)));
        regeneration.handle(UUID.randomUUID().toString(), new ImageRejected(id, 2, 1, "a bigger moon"));
        answers.add(given().get("/stories/" + id).then().statusCode(200).extract().asString());
        answers.add(given().get("/operations?limit=1000").then().statusCode(200).extract().asString());
        answers.add(given().get("/operations?status=FAILED&limit=1000").then().statusCode(200).extract().asString());
        answers.add(given().get("/operations/stats").then().statusCode(200).extract().asString());

        // The key was really sent, on every call.
        List<LoggedRequest> calls = wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH)));
        assertEquals(4, calls.size(), "the 500, the story, the pictures, the revision");
        calls.forEach(c -> assertEquals("Bearer " + KEY, c.getHeader("Authorization")));

        // The logs saw the failures (so the capture works) but never the key.
        String logText = String.join("\n", logs.lines);
        assertTrue(logText.contains("key rejected"), "the 401 was logged:\n" + logText);
        assertTrue(logText.contains("answered 500"), "the 500 was logged:\n" + logText);
        assertNoKey("logs", logText);

        answers.forEach(answer -> assertNoKey("an API answer", answer));
        assertTrue(answers.get(0).contains("story writer key rejected"), answers.get(0));

        List<String> journal = QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>listAll().stream()
                .map(r -> String.join(" | ", r.operation, String.valueOf(r.step), String.valueOf(r.inputSummary),
                        String.valueOf(r.outputSummary), String.valueOf(r.errorMessage), String.valueOf(r.errorTrace)))
                .toList());
        assertTrue(journal.stream().anyMatch(r -> r.contains("key rejected")), "the 401 has its journal row");
        assertTrue(journal.stream().anyMatch(r -> r.contains("answered 500") && r.contains("[REDACTED]")),
                "the echoed key is masked in the 500's row");
        journal.forEach(row -> assertNoKey("the journal", row));

        List<String> events = QuarkusTransaction.requiringNew().call(() -> OutboxEntry.<OutboxEntry>listAll().stream()
                .map(e -> e.payload).toList());
        assertFalse(events.isEmpty());
        events.forEach(payload -> assertNoKey("an outbox event", payload));
    }

    private static void assertNoKey(String where, String text) {
        assertFalse(text.contains(KEY) || text.contains(KEY_PART), "the key leaked into " + where + ": " + text);
    }

    /** Everything logged through JBoss LogManager / JUL while the test runs, formatted, with stack traces. */
    static final class Capture extends Handler {

        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                    .append(record.getLoggerName()).append(' ').append(message);
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
