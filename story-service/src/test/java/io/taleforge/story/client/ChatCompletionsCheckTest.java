package io.taleforge.story.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            public Duration readTimeout() {
                return Duration.ofSeconds(120);
            }
        };
    }

    @Test
    void openAiWithoutAKeyRefusesToStartAndSaysWhatToSet() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChatCompletions.check(config(ChatCompletions.DEFAULT_BASE_URL, null, "bearer", 0.8)));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY") && e.getMessage().contains("api.openai.com"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> ChatCompletions.check(config("https://my.openai.azure.com/openai/v1", "  ", "api-key", 0.8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://ollama:11434/v1",
            "http://vllm.models.svc.cluster.local:8000/v1", "http://10.0.3.4:8000/v1", "http://[::1]:11434/v1",
            "http://host.docker.internal:11434/v1"})
    void aLocalOrInClusterServerNeedsNoKey(String baseUrl) {
        assertDoesNotThrow(() -> ChatCompletions.check(config(baseUrl, null, "bearer", 0.8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.openai.com", "my.openai.azure.com", "8.8.8.8", "example.org", "172.32.0.1"})
    void publicHostsAreNotLocal(String host) {
        assertFalse(ChatCompletions.isLocal(host));
    }

    @Test
    void aKeyMakesAnyHostFine() {
        assertDoesNotThrow(() -> ChatCompletions.check(config(ChatCompletions.DEFAULT_BASE_URL, "sk-x", "bearer", 0.8)));
    }

    @Test
    void otherMistakesAreNamed() {
        String message = assertThrows(IllegalStateException.class,
                () -> ChatCompletions.check(config("ftp://x/v1", "k", "basic", 3.0))).getMessage();
        assertTrue(message.contains("OPENAI_BASE_URL"), message);
        assertTrue(message.contains("TALEFORGE_STORY_AUTH"), message);
        assertTrue(message.contains("TALEFORGE_STORY_TEMPERATURE"), message);
    }

    @Test
    void readsOpenAisResetDurations() {
        assertEquals(Duration.ofMillis(1000), ChatCompletions.reset("1s"));
        assertEquals(Duration.ofMillis(360_000), ChatCompletions.reset("6m0s"));
        assertEquals(Duration.ofMillis(120), ChatCompletions.reset("120ms"));
        assertEquals(Duration.ofMillis(1500), ChatCompletions.reset("1.5s"));
        assertEquals(null, ChatCompletions.reset(""));
    }
}
