package io.taleforge.story.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.taleforge.commons.journal.JournalEntry;
import io.taleforge.story.TestStories;

/**
 * Azure OpenAI's header mode: the key goes in {@code api-key}, not {@code Authorization}. The key
 * here has no "sk-" shape that the Redactor's patterns would catch, so only its registration keeps
 * it out of the journal and the answers when the provider echoes it.
 */
@QuarkusTest
@TestProfile(AzureKeyHeaderTest.Azure.class)
class AzureKeyHeaderTest {

    static final String KEY = "a1b2c3d4e5f60718293aLEAKCHECKazure";

    public static class Azure extends OpenAiProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("taleforge.story.writer.openai.api-key", KEY);
            config.put("taleforge.story.writer.openai.auth", "api-key");
            config.put("taleforge.story.writer.openai.model", "story-deployment");
            // Azure's model name is the deployment's: the user's own rate table prices it
            config.put("taleforge.rates.file", "src/test/resources/azure-rates.json");
            config.put("taleforge.story.writer.retries", "0");
            // one try, and it is about the header and the masking, not timeouts: a cold JVM on a busy
            // machine may need more than the profile's 1 s for its first call
            config.put("taleforge.story.writer.openai.connect-timeout", "10s");
            config.put("taleforge.story.writer.openai.read-timeout", "10s");
            return config;
        }
    }

    @Test
    void theKeyGoesInTheApiKeyHeaderAndIsMaskedWhenEchoed() {
        WireMockServer wiremock = OpenAiWireMock.server();
        wiremock.resetAll();
        Instant started = Instant.now();
        wiremock.stubFor(post(urlEqualTo(OpenAiWireMock.PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Backend failed for subscription key "
                        + KEY + "\"}}")));

        // the writing fails: the story ends with placeholders and the (redacted) reason
        String owner = TestStories.owner();
        String answer = TestStories.written(owner, TestStories.accepted(owner, TestStories.answers())).prettify();

        List<LoggedRequest> calls = wiremock.findAll(postRequestedFor(urlEqualTo(OpenAiWireMock.PATH)));
        assertEquals(1, calls.size());
        assertEquals(KEY, calls.get(0).getHeader("api-key"));
        assertNull(calls.get(0).getHeader("Authorization"));
        assertTrue(calls.get(0).getBodyAsString().contains("\"model\":\"story-deployment\""), calls.get(0).getBodyAsString());
        assertTrue(answer.contains("Backend failed for subscription key [REDACTED]"), answer);
        assertFalse(answer.contains(KEY), answer);
        List<JournalEntry> rows = QuarkusTransaction.requiringNew().call(() -> JournalEntry.<JournalEntry>list(
                "operation = ?1 and createdAt >= ?2", "write-scenes", started));
        assertEquals(1, rows.size());
        assertEquals("story-deployment", rows.get(0).model);
        assertTrue(rows.get(0).errorMessage.contains("[REDACTED]"), rows.get(0).errorMessage);
        assertFalse(rows.get(0).errorMessage.contains(KEY) || String.valueOf(rows.get(0).errorTrace).contains(KEY));
    }
}
