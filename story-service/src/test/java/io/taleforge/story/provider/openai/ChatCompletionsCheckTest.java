package io.taleforge.story.provider.openai;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.taleforge.commons.provider.ProviderHttpException;
import io.taleforge.story.config.StoryConfig;

/** The start-up check of the OpenAI-compatible writer's configuration, and the rate-limit header parsing. */
class ChatCompletionsCheckTest {

    private static StoryConfig.OpenAi config(String baseUrl, String key, String auth, double temperature) {
        return new StoryConfig.OpenAi() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public String auth() {
                return auth;
            }

            @Override
            public String model() {
                return "gpt-4o-mini";
            }

            @Override
            public double temperature() {
                return temperature;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public boolean stream() {
                return true;
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(120);
            }
        };
    }

    @Test
    void openAiWithoutAKeyRefusesToStartAndSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OpenAiSettings.check(config(OpenAiSettings.DEFAULT_BASE_URL, null, "bearer", 0.8)));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY") && e.getMessage().contains("api.openai.com"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> OpenAiSettings.check(config("https://my.openai.azure.com/openai/v1", "  ", "api-key", 0.8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://ollama:11434/v1",
            "http://vllm.models.svc.cluster.local:8000/v1", "http://10.0.3.4:8000/v1", "http://[::1]:11434/v1",
            "http://host.docker.internal:11434/v1"})
    void aLocalOrInClusterServerNeedsNoKey(String baseUrl) {
        assertDoesNotThrow(() -> OpenAiSettings.check(config(baseUrl, null, "bearer", 0.8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com", "my.openai.azure.com", "8.8.8.8", "example.org", "172.32.0.1"})
    void publicHostsAreNotLocal(String host) {
        assertFalse(OpenAiSettings.isLocal(host));
    }

    @Test
    void aKeyMakesAnyHostFine() {
        assertDoesNotThrow(() -> OpenAiSettings.check(config(OpenAiSettings.DEFAULT_BASE_URL, "sk-x", "bearer", 0.8)));
    }

    @Test
    void otherMistakesAreNamed() {
        String message = assertThrows(IllegalStateException.class,
                () -> OpenAiSettings.check(config("ftp://x/v1", "k", "basic", 3.0))).getMessage();
        assertTrue(message.contains("OPENAI_BASE_URL"), message);
        assertTrue(message.contains("TALEFORGE_STORY_AUTH"), message);
        assertTrue(message.contains("TALEFORGE_STORY_TEMPERATURE"), message);
    }

    @Test
    void readsOpenAisResetDurations() {
        assertEquals(Duration.ofMillis(1000), OpenAiErrors.reset("1s"));
        assertEquals(Duration.ofMillis(360_000), OpenAiErrors.reset("6m0s"));
        assertEquals(Duration.ofMillis(120), OpenAiErrors.reset("120ms"));
        assertEquals(Duration.ofMillis(1500), OpenAiErrors.reset("1.5s"));
        assertEquals(null, OpenAiErrors.reset(""));
    }

    /** A 429 as OpenAI sends it, with the given headers (name, value, name, value …). */
    private static ProviderHttpException tooMany(String... headers) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.add("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            map.add(headers[i], headers[i + 1]);
        }
        return new ProviderHttpException(429, map, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    }

    @Test
    void withoutRetryAfterTheResetOfTheExhaustedBudgetIsTheWait() {
        assertEquals(Duration.ofSeconds(1), OpenAiErrors.retryAfter(tooMany(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s")));
        // OpenAI sends both budgets: only the exhausted one counts, not the longer reset of the other.
        assertEquals(Duration.ofMillis(6500), OpenAiErrors.retryAfter(tooMany(
                "x-ratelimit-remaining-requests", "499", "x-ratelimit-reset-requests", "120ms",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6.5s")));
        assertEquals(Duration.ofMillis(120), OpenAiErrors.retryAfter(tooMany(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "120ms",
                "x-ratelimit-remaining-tokens", "149000", "x-ratelimit-reset-tokens", "6m0s")));
        // both exhausted: the later reset
        assertEquals(Duration.ofMinutes(6), OpenAiErrors.retryAfter(tooMany(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s")));
        assertEquals(null, OpenAiErrors.retryAfter(tooMany()), "nothing said: the caller's backoff");
    }

    @Test
    void retryAfterMsWinsOverRetryAfterAndTheResets() {
        assertEquals(Duration.ofMillis(800), OpenAiErrors.retryAfter(tooMany("retry-after-ms", "800",
                "Retry-After", "5", "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20s")));
        assertEquals(Duration.ofMillis(800), OpenAiErrors.retryAfter(tooMany("Retry-After-Ms", "800")),
                "header names are case-insensitive");
        assertEquals(Duration.ofMillis(5000), OpenAiErrors.retryAfter(tooMany("retry-after", "5",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20s")));
    }

    /** HTTP's IMF-fixdate, as servers send it: a two-digit day, English names, GMT. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() {
        ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Duration wait = OpenAiErrors.retryAfter(tooMany("Retry-After", HTTP_DATE.format(at)));
        assertTrue(wait != null && wait.toMillis() > 1900 && wait.toMillis() <= 3000, String.valueOf(wait));
        assertEquals(Duration.ZERO, OpenAiErrors.retryAfter(tooMany("Retry-After", "Wed, 01 Oct 2025 07:28:00 GMT",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "20s")),
                "a date in the past: no wait (the date was read, not skipped for the reset)");
    }

    @Test
    void anUnreadableHeaderFallsBackToTheNextSource() {
        assertEquals(Duration.ofSeconds(2), OpenAiErrors.retryAfter(tooMany("retry-after-ms", "soon",
                "Retry-After", "2")));
        assertEquals(Duration.ofSeconds(2), OpenAiErrors.retryAfter(tooMany("retry-after-ms", "-500",
                "Retry-After", "2")), "a negative wait is not a wait");
        assertEquals(Duration.ofSeconds(1), OpenAiErrors.retryAfter(tooMany("Retry-After", "tomorrow",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s")));
    }
}
